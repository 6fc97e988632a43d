import { portalOnMyWayInput } from "@/lib/schemas/vendors";
import { handle, readJson } from "@/server/api/http";
import { portalAccess } from "@/server/api/portal";
import { portalOnMyWay } from "@/server/services/vendors/portal-actions";

/** POST /api/v/<token>/on-my-way {etaMinutes?} — the vendor is heading to the site. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const now = new Date();
    const access = await portalAccess(req, (await params).token, now);
    const body = await readJson(req, portalOnMyWayInput);
    return Response.json(await portalOnMyWay(access, body, now));
  });
}
