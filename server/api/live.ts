import "server-only";

/** What GET /api/live streams (one JSON `data:` line per message; lib/live-wire.ts), for the browser. */
export type { LiveOut } from "@/server/services/live/registry";
export type { QueuePatch } from "@/server/services/noc/live-push";
