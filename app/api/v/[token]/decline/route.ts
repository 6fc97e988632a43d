import { portalDeclineInput } from "@/lib/schemas/vendors";
import { handle, readJson } from "@/server/api/http";
import { portalAccess } from "@/server/api/portal";
import { portalDecline } from "@/server/services/vendors/portal-actions";

/** POST /api/v/<token>/decline {reason} — the vendor turns the job down; the link then ends. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const now = new Date();
    const access = await portalAccess(req, (await params).token, now);
    const body = await readJson(req, portalDeclineInput);
    return Response.json(await portalDecline(access, body, now));
  });
}
