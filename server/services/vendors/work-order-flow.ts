import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { canTransition, transitionEffect, type WorkOrderStatus } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyUsers } from "../notifications/enqueue";
import { addEvent, expiredDocuments, getWorkOrderInTenant } from "./work-order-records";

const { workOrders, vendors, vendorTokens } = schema;

/** Sends the order to a vendor (or another one); expired documents are a warning, not a stop. */
export async function assignWorkOrder(
  ctx: ServiceCtx,
  input: { id: string; vendorId: string },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    const [vendor] = await tx.db
      .select({ id: vendors.id, name: vendors.name, active: vendors.active })
      .from(vendors)
      .where(and(eq(vendors.id, input.vendorId), eq(vendors.tenantId, ctx.tenantId)));
    if (!vendor) throw new NotFoundError("Vendor");
    if (!vendor.active) throw new ValidationError(`${vendor.name} is inactive`, "vendorId");
    if (wo.vendorId === vendor.id) return { warnings: [] as string[] };
    const to: WorkOrderStatus = "assigned";
    if (wo.status !== "new" && wo.status !== "assigned" && !canTransition(wo.status, to, "staff"))
      throw new ConflictError(`A ${wo.status.replace("_", " ")} order cannot be reassigned`);
    await tx.db
      .update(workOrders)
      .set({ vendorId: vendor.id, status: to })
      .where(eq(workOrders.id, wo.id));
    // the previous vendor's link stops working
    await tx.db
      .update(vendorTokens)
      .set({ revokedAt: now })
      .where(and(eq(vendorTokens.workOrderId, wo.id), isNull(vendorTokens.revokedAt)));
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "assign",
      from: wo.status,
      to,
      note: `Sent to ${vendor.name}`,
    });
    await recordAudit(tx, {
      action: "work_order.assign",
      entityType: "work_order",
      entityId: wo.id,
      before: { vendorId: wo.vendorId, status: wo.status },
      after: { vendorId: vendor.id, status: to },
    });
    const expired = await expiredDocuments(tx, vendor.id, now);
    await publish(tx, "workOrder", [wo.id]);
    return {
      warnings: expired.map(
        (d) => `${vendor.name}: ${d.name} (${d.kind}) expired on ${d.expiresOn} — do not dispatch`,
      ),
    };
  });
}

/**
 * Moves an order along its lifecycle as staff or as the vendor (through the portal, with the
 * token id on the audit row); the requester is told about a vendor's move.
 */
export async function moveWorkOrder(
  ctx: ServiceCtx,
  input: { id: string; to: WorkOrderStatus; note?: string | null; rating?: number | null },
  now: Date,
) {
  const actor = ctx.actor.type === "vendorToken" ? "vendor" : "staff";
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    if (!canTransition(wo.status, input.to, actor))
      throw new ConflictError(
        `A ${wo.status.replace("_", " ")} order cannot move to ${input.to.replace("_", " ")}`,
      );
    const effect = transitionEffect(wo.status, input.to);
    if (input.to === "verified" && (!input.rating || input.rating < 1 || input.rating > 5))
      throw new ValidationError("Rate the work from 1 to 5 to verify it", "rating");
    const moved = await tx.db
      .update(workOrders)
      .set({
        status: input.to,
        ...(effect?.setStarted && !wo.startedAt ? { startedAt: now } : {}),
        ...(effect?.setCompleted ? { completedAt: now } : {}),
        ...(effect?.clearCompleted ? { completedAt: null, verifiedAt: null, rating: null } : {}),
        ...(input.to === "verified" ? { verifiedAt: now, rating: input.rating ?? null } : {}),
        ...(effect?.isRework ? { rework: true } : {}),
      })
      .where(and(eq(workOrders.id, wo.id), eq(workOrders.status, wo.status)))
      .returning({ id: workOrders.id });
    if (!moved.length) throw new ConflictError("The order changed meanwhile; reload and try again");
    if (effect?.revokeVendorLink)
      await tx.db
        .update(vendorTokens)
        .set({ revokedAt: now })
        .where(and(eq(vendorTokens.workOrderId, wo.id), isNull(vendorTokens.revokedAt)));
    const tokenId = ctx.actor.type === "vendorToken" ? ctx.actor.tokenId : null;
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "status",
      from: wo.status,
      to: input.to,
      note: input.note ?? null,
      tokenId,
    });
    await recordAudit(tx, {
      action: effect?.isRework ? "work_order.rework" : "work_order.status",
      entityType: "work_order",
      entityId: wo.id,
      before: { status: wo.status },
      after: { status: input.to, ...(input.rating ? { rating: input.rating } : {}) },
    });
    if (actor === "vendor" && wo.requesterId)
      await notifyUsers(
        tx,
        {
          userIds: [wo.requesterId],
          subject: `Work order #${wo.number}: ${input.to.replace("_", " ")}`,
          body: `The vendor moved "${wo.title}" to ${input.to.replace("_", " ")}${input.note ? `: ${input.note}` : "."}`,
          link: `/work-orders?order=${wo.id}`,
          kind: "work_order",
          entity: `work_order:${wo.id}`,
          dedupeKey: `work_order:${wo.id}:event:${now.getTime()}:${input.to}`,
        },
        now,
      );
    await publish(tx, "workOrder", [wo.id]);
    return { status: input.to };
  });
}

/** A note on the timeline, from staff or the vendor; completed orders take no vendor notes. */
export async function noteOnWorkOrder(
  ctx: ServiceCtx,
  input: { id: string; note: string },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    const tokenId = ctx.actor.type === "vendorToken" ? ctx.actor.tokenId : null;
    await addEvent(tx, { workOrderId: wo.id, kind: "note", note: input.note, tokenId });
    await recordAudit(tx, {
      action: "work_order.note",
      entityType: "work_order",
      entityId: wo.id,
      after: { note: input.note.slice(0, 200) },
    });
    if (tokenId && wo.requesterId)
      await notifyUsers(
        tx,
        {
          userIds: [wo.requesterId],
          subject: `Work order #${wo.number}: note from the vendor`,
          body: input.note.slice(0, 500),
          link: `/work-orders?order=${wo.id}`,
          kind: "work_order",
          entity: `work_order:${wo.id}`,
          dedupeKey: `work_order:${wo.id}:note:${now.getTime()}`,
        },
        now,
      );
    await publish(tx, "workOrder", [wo.id]);
  });
}

/**
 * The requester's answer to a possible-rework flag: confirmed, the earlier (verified) order
 * counts as reworked against its vendor; declined, the flag is cleared.
 */
export async function confirmRework(ctx: ServiceCtx, input: { id: string; confirmed: boolean }) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    if (!wo.possibleReworkOf)
      throw new ConflictError("This order is not flagged as a possible rework");
    await tx.db
      .update(workOrders)
      .set({ reworkConfirmed: input.confirmed })
      .where(eq(workOrders.id, wo.id));
    if (input.confirmed)
      await tx.db
        .update(workOrders)
        .set({ rework: true })
        .where(and(eq(workOrders.id, wo.possibleReworkOf), eq(workOrders.tenantId, ctx.tenantId)));
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "rework",
      note: input.confirmed ? "Confirmed as rework of an earlier order" : "Not a rework",
    });
    await recordAudit(tx, {
      action: "work_order.rework_confirm",
      entityType: "work_order",
      entityId: wo.id,
      after: { confirmed: input.confirmed, earlier: wo.possibleReworkOf },
    });
    await publish(tx, "workOrder", [wo.id, wo.possibleReworkOf]);
  });
}
