import { handle } from "@/server/api/http";
import { portalAccess, readUpload } from "@/server/api/portal";
import { addAttachment } from "@/server/services/vendors/attachments";
import { PORTAL_LIMITS, underLimit } from "@/server/services/vendors/portal";
import { RateLimitedError } from "@/server/services/_core/errors";

/** POST /api/v/<token>/attachments (multipart, field "file") — a photo or PDF, ≤ 10 MB. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const now = new Date();
    const access = await portalAccess(req, (await params).token, now);
    if (
      !(await underLimit(
        access.ctx.db,
        `portal:token:${access.tokenId}`,
        PORTAL_LIMITS.actionsPerWindow,
        now,
      ))
    )
      throw new RateLimitedError("Too many uploads from this link; try again later", 600);
    const file = await readUpload(req);
    const saved = await addAttachment(access.ctx, {
      workOrderId: access.workOrderId,
      bytes: file.bytes,
      declaredName: file.name,
      declaredType: file.type,
    });
    return Response.json(saved, { status: 201 });
  });
}
