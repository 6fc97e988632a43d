import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { handle, parseParams } from "@/server/api/http";
import { fileResponse, portalAccess } from "@/server/api/portal";
import { readAttachment } from "@/server/services/vendors/attachments";

/** GET /api/v/<token>/attachments/<id> — only attachments of the link's own work order. */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ token: string; id: string }> },
) {
  return handle(req, async () => {
    const { token } = await params;
    const { id } = await parseParams(params, z.object({ id: uuid }));
    const access = await portalAccess(req, token, new Date());
    return fileResponse(
      await readAttachment(access.ctx, { attachmentId: id, onlyWorkOrderId: access.workOrderId }),
    );
  });
}
