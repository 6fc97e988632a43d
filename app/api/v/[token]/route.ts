import { handle } from "@/server/api/http";
import { portalAccess } from "@/server/api/portal";
import { portalView } from "@/server/services/vendors/portal";

/** GET /api/v/<token> — the vendor's view of its work order (the portal page refreshes from it). */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const access = await portalAccess(req, (await params).token, new Date());
    return Response.json(await portalView(access), { headers: { "cache-control": "no-store" } });
  });
}
