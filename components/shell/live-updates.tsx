"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { createKeyThrottle } from "@/lib/key-throttle";
import { LIVE_TOPICS } from "@/lib/live-topics";
import { useTRPC } from "@/lib/trpc/client";

/** Refetches a touched router's queries at most this often; the first change goes at once. */
const LIVE_REFETCH_MS = 300;

/**
 * Keeps every open page fresh: each change event invalidates the queries its topic touches,
 * throttled so that a burst of events (50 alerts a second) refetches a few times a second,
 * and never while the last refetch is still running.
 */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [ready, setReady] = useState(false);
  // resolves once the touched queries on screen have refetched
  const [throttle] = useState(() =>
    createKeyThrottle(LIVE_REFETCH_MS, (routerKeys) =>
      Promise.all(routerKeys.map((k) => queryClient.invalidateQueries({ queryKey: [[k]] }))),
    ),
  );
  useEffect(() => () => throttle.dispose(), [throttle]);
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
        throttle.add(LIVE_TOPICS[event.topic]);
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
