import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { handle, parseParams } from "@/server/api/http";
import { readUpload, staffContext } from "@/server/api/portal";
import { addAttachment } from "@/server/services/vendors/attachments";

/** POST /api/work-orders/<id>/attachments (multipart, field "file") — staff add a photo or PDF. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(req, async () => {
    const ctx = await staffContext("workOrder.manage");
    const { id } = await parseParams(params, z.object({ id: uuid }));
    const file = await readUpload(req);
    const saved = await addAttachment(ctx, {
      workOrderId: id,
      bytes: file.bytes,
      declaredName: file.name,
      declaredType: file.type,
    });
    return Response.json(saved, { status: 201 });
  });
}
