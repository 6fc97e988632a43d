"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createKeyThrottle } from "@/lib/key-throttle";
import { patchQueue, type QueueView } from "@/lib/live-queue";
import { LIVE_TOPICS } from "@/lib/live-topics";
import { decodeLive } from "@/lib/live-wire";
import { useTRPC } from "@/lib/trpc/client";
import type { LiveOut } from "@/server/api/live";

/** Refetches touched queries at most this often; the first change goes at once. */
const LIVE_REFETCH_MS = 300;
/**
 * While alert changes arrive with their rows, what they do not carry (false-alarm rates,
 * maintenance previews) is refetched at most this often.
 */
const SLOW_REFETCH_MS = 10_000;
/**
 * Alert queries the slow refetch leaves alone: pushes keep them fresh, or alert changes do not
 * touch them (filter options follow clients and groups; assignees follow users).
 */
const NOT_SLOW = new Set(["list", "get", "stats", "filterOptions", "assignees"]);

type AlertPatch = Extract<LiveOut, { queue: unknown }>;

/** "router", "router.procedure" or "router.procedure@id" as a query-key prefix. */
function queryKeyOf(key: string): unknown[] {
  const [path = "", id] = key.split("@");
  return id ? [path.split("."), { input: { id } }] : [path.split(".")];
}

/** Patches every cached queue and the header counts; says which refetches the patch needs. */
function applyAlertPatch(
  queryClient: QueryClient,
  keys: { list: unknown[]; stats: unknown[]; me: unknown[] },
  event: AlertPatch,
): string[] {
  const refetch: string[] = [];
  const me = queryClient.getQueryData<{ id: string }>(keys.me)?.id ?? null;
  type Row = AlertPatch["queue"]["rows"][number];
  for (const [key, list] of queryClient.getQueriesData<Row[]>({ queryKey: keys.list })) {
    const view = (key[1] as { input?: QueueView } | undefined)?.input;
    if (!list || !view) continue;
    const out = patchQueue(list, event.queue, view, me);
    if (out.list !== list) queryClient.setQueryData(key, out.list);
    // a refetch already running may have read the queue before this change
    if (out.refetch || queryClient.getQueryState(key)?.fetchStatus === "fetching")
      refetch.push("alert.list");
  }
  queryClient.setQueryData(keys.stats, event.queue.stats);
  // an open detail panel shows its alert's timeline and comments: refetch just that one
  for (const id of event.ids) {
    if (queryClient.getQueriesData({ queryKey: queryKeyOf(`alert.get@${id}`) }).length)
      refetch.push(`alert.get@${id}`);
  }
  return refetch;
}

/**
 * Keeps every open page fresh. Changes stream from /api/live (server-sent events; the browser
 * reconnects by itself). Alert changes arrive with the changed queue rows, which patch the
 * page's queue in place; other changes invalidate the queries their topic touches, throttled
 * so that a burst of events refetches a few times a second, and never while the last refetch
 * is still running.
 */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"connecting" | "live" | "paused">("connecting");
  useEffect(() => {
    // each resolves once the touched queries on screen have refetched
    const fast = createKeyThrottle(LIVE_REFETCH_MS, (keys) =>
      Promise.all(keys.map((k) => queryClient.invalidateQueries({ queryKey: queryKeyOf(k) }))),
    );
    const slow = createKeyThrottle(SLOW_REFETCH_MS, () =>
      queryClient.invalidateQueries({
        predicate: ({ queryKey }) => {
          const [router, procedure] = (Array.isArray(queryKey[0]) ? queryKey[0] : []) as string[];
          return (
            router === "nocSettings" ||
            (router === "alert" && procedure !== undefined && !NOT_SLOW.has(procedure))
          );
        },
      }),
    );
    const keys = {
      list: trpc.alert.list.queryKey(),
      stats: trpc.alert.stats.queryKey(),
      me: trpc.me.get.queryKey(),
    };
    const source = new EventSource("/api/live");
    source.onmessage = (e: MessageEvent<string>) => {
      let event: LiveOut;
      try {
        event = decodeLive(e.data);
      } catch {
        return;
      }
      if (event.topic === "ready") {
        // changes made before this stream listened: refetch what is on screen
        setState("live");
        void queryClient.invalidateQueries();
        return;
      }
      if ("queue" in event) {
        fast.add(applyAlertPatch(queryClient, keys, event));
        slow.add(["alert"]);
        return;
      }
      fast.add(LIVE_TOPICS[event.topic]);
    };
    source.onerror = () => {
      // CONNECTING: the browser retries by itself; CLOSED: refused (signed out), it gave up
      setState(source.readyState === EventSource.CLOSED ? "paused" : "connecting");
    };
    return () => {
      source.close();
      fast.dispose();
      slow.dispose();
    };
  }, [queryClient, trpc]);
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
