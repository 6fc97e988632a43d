"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { LIVE_TOPICS } from "@/lib/live-topics";
import { useTRPC } from "@/lib/trpc/client";

/** Keeps every open page fresh: each change event invalidates the queries its topic touches. */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [ready, setReady] = useState(false);
  const sub = useSubscription(
    trpc.live.onChange.subscriptionOptions(undefined, {
      onStarted() {
        setReady(false);
      },
      onData(event) {
        if (event.topic === "ready") {
          // changes made before this subscription listened: refetch what is on screen
          setReady(true);
          void queryClient.invalidateQueries();
          return;
        }
        for (const routerKey of LIVE_TOPICS[event.topic]) {
          void queryClient.invalidateQueries({ queryKey: [[routerKey]] });
        }
      },
    }),
  );
  const state =
    sub.status === "pending" && ready
      ? "live"
      : sub.status === "error" || sub.status === "idle"
        ? "paused"
        : "connecting";
  return (
    <div className="sr-only" role="status" data-testid="live-status" data-state={state}>
      {state === "live"
        ? "Live updates on"
        : state === "connecting"
          ? "Connecting live updates"
          : "Live updates paused"}
    </div>
  );
}
