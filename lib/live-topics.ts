/**
 * Topics that services publish after a write, and the tRPC routers (or single procedures,
 * "router.procedure") whose queries a topic touches. Shared by the server (publish) and the
 * browser (invalidate). Alert events usually carry the changed queue rows, which pages patch
 * in place (lib/live-queue.ts); the list below is what they refetch otherwise.
 */
export const LIVE_TOPICS = {
  user: ["user", "group", "audit"],
  client: ["client", "site", "audit", "alert.filterOptions"],
  site: ["site", "client", "audit"],
  group: ["group", "tenant", "audit", "alert.filterOptions"],
  notification: ["notification", "outbox"],
  job: ["job"],
  alert: ["alert", "nocSettings"],
  ticket: ["ticket", "slaPolicy"],
  workOrder: ["workOrder", "vendor"],
} as const satisfies Record<string, readonly string[]>;
export type LiveTopic = keyof typeof LIVE_TOPICS;

export type LiveEvent = { topic: LiveTopic; ids: string[] | null };

/** What the subscription streams: change events, after one "ready" once the server listens. */
export type LiveMessage = LiveEvent | { topic: "ready"; ids: null };

export const LIVE_CHANNEL = "watchfloor_live";
