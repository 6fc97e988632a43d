import { handle } from "@/server/api/http";
import { staffContext } from "@/server/api/portal";
// the domains whose changes streams carry with their data (the bus itself knows none)
import "@/server/services/live-domains";
import { liveEventStream } from "@/server/services/live/stream";
import { userSubscriber } from "@/server/services/live/subscriber";

export const dynamic = "force-dynamic";

/**
 * GET /api/live — the signed-in user's tenant's changes as server-sent events, for the
 * browser to keep open pages fresh (components/shell/live-updates.tsx). Alert changes carry
 * the changed queue rows the user may see; roles without the queue get the ids only. A
 * deactivated user's open stream ends (server/services/live/subscriber.ts).
 */
export function GET(req: Request) {
  return handle(req, async () => {
    const ctx = await staffContext();
    const stream = liveEventStream(ctx.tenantId, userSubscriber(ctx), req.signal);
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform: the server's compression would hold back and re-compress every message
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  });
}
