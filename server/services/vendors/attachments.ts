import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isVendorReadOnly } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { actorRef, type ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { attachmentStore } from "./storage";
import { checkUpload } from "./upload";
import { addEvent, getWorkOrderInTenant } from "./work-order-records";

const { workOrderAttachments } = schema;

/**
 * Stores an attachment on a work order: typed and size-checked from its bytes, its name
 * neutralised, the bytes stored (storage.ts: local disk or S3) before the row — and
 * removed again if the row cannot be written, so nothing is left half-stored.
 */
export async function addAttachment(
  ctx: ServiceCtx,
  input: { workOrderId: string; bytes: Uint8Array; declaredName: string; declaredType?: string },
) {
  const check = await checkUpload(input);
  if (!check.ok) throw new ValidationError(check.error, "file");
  const wo = await getWorkOrderInTenant(ctx, input.workOrderId);
  if (ctx.actor.type === "vendorToken" && isVendorReadOnly(wo.status))
    throw new ConflictError("This work order is closed; it can no longer be changed");
  const key = `${ctx.tenantId}/${wo.id}/${randomUUID()}.${check.ext}`;
  const store = attachmentStore();
  await store.put(key, input.bytes, check.mime);
  try {
    return await inTx(ctx, async (tx) => {
      const tokenId = ctx.actor.type === "vendorToken" ? ctx.actor.tokenId : null;
      const [row] = await tx.db
        .insert(workOrderAttachments)
        .values({
          tenantId: ctx.tenantId,
          workOrderId: wo.id,
          storageKey: key,
          name: check.safeName,
          mime: check.mime,
          size: input.bytes.byteLength,
          uploadedBy: actorRef(ctx.actor).label,
          tokenId,
        })
        .returning({ id: workOrderAttachments.id, name: workOrderAttachments.name });
      if (!row) throw new Error("attachment not saved");
      await addEvent(tx, {
        workOrderId: wo.id,
        kind: "attachment",
        note: `Added ${check.safeName}`,
        tokenId,
      });
      await recordAudit(tx, {
        action: "work_order.attachment",
        entityType: "work_order",
        entityId: wo.id,
        after: {
          attachmentId: row.id,
          name: check.safeName,
          mime: check.mime,
          size: input.bytes.byteLength,
        },
      });
      await publish(tx, "workOrder", [wo.id]);
      return { ...row, mime: check.mime };
    });
  } catch (err) {
    await store.remove(key).catch(() => undefined);
    throw err;
  }
}

/**
 * An attachment's bytes for someone allowed to see its work order: staff in scope, or the
 * holder of that order's link (`onlyWorkOrderId`). Any other request is a plain not-found.
 */
export async function readAttachment(
  ctx: ServiceCtx,
  input: { attachmentId: string; onlyWorkOrderId?: string },
) {
  const [a] = await ctx.db
    .select()
    .from(workOrderAttachments)
    .where(
      and(
        eq(workOrderAttachments.id, input.attachmentId),
        eq(workOrderAttachments.tenantId, ctx.tenantId),
      ),
    );
  if (!a || (input.onlyWorkOrderId && a.workOrderId !== input.onlyWorkOrderId))
    throw new NotFoundError("Attachment");
  // staff: the order must be inside their scope
  await getWorkOrderInTenant(ctx, a.workOrderId);
  return {
    name: a.name,
    mime: a.mime,
    bytes: await attachmentStore().get(a.storageKey),
  };
}
