"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { LIVE_TOPICS } from "@/lib/live-topics";
import { useTRPC } from "@/lib/trpc/client";

/** Keeps every open page fresh: each change event invalidates the queries its topic touches. */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sub = useSubscription(
    trpc.live.onChange.subscriptionOptions(undefined, {
      onData(event) {
        for (const routerKey of LIVE_TOPICS[event.topic]) {
          void queryClient.invalidateQueries({ queryKey: [[routerKey]] });
        }
      },
    }),
  );
  return (
    <div className="sr-only" role="status" data-testid="live-status" data-state={sub.status}>
      {sub.status === "pending"
        ? "Live updates on"
        : sub.status === "connecting"
          ? "Connecting live updates"
          : "Live updates paused"}
    </div>
  );
}
