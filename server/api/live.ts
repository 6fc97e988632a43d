/** What GET /api/live streams (one JSON `data:` line per message; lib/live-wire.ts), for the browser. */
export type { LiveOut, QueuePatch } from "@/server/services/live/bus";
