import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { handle, parseParams } from "@/server/api/http";
import { fileResponse, staffContext } from "@/server/api/portal";
import { readAttachment } from "@/server/services/vendors/attachments";

/** GET /api/work-orders/<id>/attachments/<aid> — for signed-in staff who may see the order. */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ id: string; aid: string }> },
) {
  return handle(req, async () => {
    const ctx = await staffContext("workOrder.manage");
    const { id, aid } = await parseParams(params, z.object({ id: uuid, aid: uuid }));
    return fileResponse(await readAttachment(ctx, { attachmentId: aid, onlyWorkOrderId: id }));
  });
}
