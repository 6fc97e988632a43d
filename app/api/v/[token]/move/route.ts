import { portalMoveInput } from "@/lib/schemas/vendors";
import { handle, readJson } from "@/server/api/http";
import { portalAccess } from "@/server/api/portal";
import { portalMove } from "@/server/services/vendors/portal";

/** POST /api/v/<token>/move {to, note?} — accept, start, hold or complete. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const now = new Date();
    const access = await portalAccess(req, (await params).token, now);
    const body = await readJson(req, portalMoveInput);
    return Response.json(await portalMove(access, body, now));
  });
}
