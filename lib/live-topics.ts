/**
 * Topics that services publish after a write (server/services/live/publish.ts). Which queries
 * each touches, for the browser to refetch, is components/shell/live-topic-queries.ts (as tRPC
 * filters, so a renamed router fails to compile there). Alert events usually carry the
 * changed queue rows, which pages patch in place (lib/live-queue.ts) instead.
 */
export const LIVE_TOPICS = [
  "user",
  "client",
  "site",
  "group",
  "notification",
  "job",
  "alert",
  "ticket",
  "workOrder",
  "shift",
  "device",
  "playbookRun",
] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

export function isLiveTopic(topic: string): topic is LiveTopic {
  return (LIVE_TOPICS as readonly string[]).includes(topic);
}

export type LiveEvent = { topic: LiveTopic; ids: string[] | null };

/** What the subscription streams: change events, after one "ready" once the server listens. */
export type LiveMessage = LiveEvent | { topic: "ready"; ids: null };

export const LIVE_CHANNEL = "watchfloor_live";
