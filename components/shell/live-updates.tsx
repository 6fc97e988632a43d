"use client";

import { hashKey, matchQuery, type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createKeyThrottle } from "@/lib/key-throttle";
import { patchQueue, type QueueView } from "@/lib/live-queue";
import { decodeLive } from "@/lib/live-wire";
import { useTRPC } from "@/lib/trpc/client";
import type { LiveOut } from "@/server/api/live";
import { type LiveFilter, liveTopicQueries } from "./live-topic-queries";

/** The banner shows once live updates have been off this long (not for a blink). */
const BANNER_AFTER_MS = 2_000;
/** A refused stream (503 while the database is down) is tried again after 2 s, doubling to 30 s. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/** Refetches touched queries at most this often; the first change goes at once. */
const LIVE_REFETCH_MS = 300;
/**
 * While alert changes arrive with their rows, what they do not carry (false-alarm rates,
 * maintenance previews) is refetched at most this often.
 */
const SLOW_REFETCH_MS = 10_000;

type AlertPatch = Extract<LiveOut, { queue: unknown }>;
type TRPC = ReturnType<typeof useTRPC>;

/** Patches every cached queue and the header counts; says which refetches the patch needs. */
function applyAlertPatch(queryClient: QueryClient, trpc: TRPC, event: AlertPatch): LiveFilter[] {
  const refetch: LiveFilter[] = [];
  const me = queryClient.getQueryData(trpc.me.get.queryKey())?.id ?? null;
  type Row = AlertPatch["queue"]["rows"][number];
  for (const [key, list] of queryClient.getQueriesData<Row[]>(trpc.alert.list.pathFilter())) {
    const view = (key[1] as { input?: QueueView } | undefined)?.input;
    if (!list || !view) continue;
    const out = patchQueue(list, event.queue, view, me);
    if (out.list !== list) queryClient.setQueryData(key, out.list);
    // a refetch already running may have read the queue before this change
    if (out.refetch || queryClient.getQueryState(key)?.fetchStatus === "fetching")
      refetch.push(trpc.alert.list.pathFilter());
  }
  queryClient.setQueryData(trpc.alert.stats.queryKey(), event.queue.stats);
  // an open detail panel shows its alert's timeline and comments: refetch just that one
  for (const id of event.ids) {
    const detail = trpc.alert.get.queryFilter({ id });
    if (queryClient.getQueriesData(detail).length) refetch.push(detail);
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
  // the banner waits a moment: a stream ending for a reconnect is no news
  const [bannerShown, setBannerShown] = useState(false);
  useEffect(() => {
    const topics = liveTopicQueries(trpc);
    // the throttle gathers filters by their query key's hash (the same filter twice is one)
    const gathered = new Map<string, LiveFilter>();
    // each resolves once the touched queries on screen have refetched
    const fast = createKeyThrottle(LIVE_REFETCH_MS, (keys) =>
      Promise.all(
        keys.map((k) => {
          const filter = gathered.get(k);
          gathered.delete(k);
          return filter && queryClient.invalidateQueries(filter);
        }),
      ),
    );
    const refetch = (filters: LiveFilter[]) =>
      fast.add(
        filters.map((f) => {
          const key = hashKey(f.queryKey);
          gathered.set(key, f);
          return key;
        }),
      );
    /**
     * Alert queries the slow refetch leaves alone: pushes keep them fresh, or alert changes do
     * not touch them (filter options follow clients and groups; assignees follow users).
     */
    const notSlow = [
      trpc.alert.list.pathFilter(),
      trpc.alert.get.pathFilter(),
      trpc.alert.stats.pathFilter(),
      trpc.alert.filterOptions.pathFilter(),
      trpc.alert.assignees.pathFilter(),
    ];
    const slow = createKeyThrottle(SLOW_REFETCH_MS, () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.nocSettings.pathFilter()),
        queryClient.invalidateQueries(
          trpc.alert.pathFilter({ predicate: (q) => !notSlow.some((f) => matchQuery(f, q)) }),
        ),
      ]),
    );
    let source: EventSource;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_FIRST_MS;
    const onMessage = (e: MessageEvent<string>) => {
      let event: LiveOut;
      try {
        event = decodeLive(e.data);
      } catch {
        return;
      }
      if (event.topic === "ready") {
        // changes made before this stream listened (or while it was down): refetch what is on screen
        delay = RETRY_FIRST_MS;
        setState("live");
        setBannerShown(false);
        void queryClient.invalidateQueries();
        return;
      }
      if ("queue" in event) {
        refetch(applyAlertPatch(queryClient, trpc, event));
        slow.add(["alert"]);
        return;
      }
      refetch(topics[event.topic]);
    };
    const connect = () => {
      source = new EventSource("/api/live");
      source.onmessage = onMessage;
      source.onerror = () => {
        // CONNECTING: the browser retries by itself (the server ended the stream, e.g. after a
        // gap in its database connection). CLOSED: the server refused it (503 while the
        // database is down, or signed out) and the browser gave up: try again with backoff.
        if (source.readyState !== EventSource.CLOSED) return setState("connecting");
        setState("paused");
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source.close();
      fast.dispose();
      gathered.clear();
      slow.dispose();
    };
  }, [queryClient, trpc]);
  const down = state !== "live";
  useEffect(() => {
    if (!down) return;
    const timer = setTimeout(() => setBannerShown(true), BANNER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [down]);
  return (
    <>
      <div className="sr-only" role="status" data-testid="live-status" data-state={state}>
        {state === "live"
          ? "Live updates on"
          : state === "connecting"
            ? "Connecting live updates"
            : "Live updates paused"}
      </div>
      {down && bannerShown && (
        <div
          aria-hidden="true"
          data-testid="live-banner"
          className="fixed inset-x-0 top-0 z-50 flex items-center justify-center gap-2 bg-amber-50 px-3 py-1 text-sm text-amber-900 shadow ring-1 ring-amber-300 sm:inset-x-auto sm:top-2 sm:left-1/2 sm:-translate-x-1/2 sm:rounded-full"
        >
          <span className="size-2 shrink-0 animate-pulse rounded-full bg-amber-500" />
          <span>
            Live updates are off — reconnecting.
            <span className="hidden sm:inline"> This page may be out of date.</span>
          </span>
        </div>
      )}
    </>
  );
}
