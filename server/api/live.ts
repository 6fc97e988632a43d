/** What GET /api/live streams (one superjson `data:` line per message), for the browser. */
export type { LiveOut } from "@/server/services/live/bus";
