import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { rolesWith } from "@/lib/permissions";
import { vendorMayDecline, vendorMayHeadOut } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { ConflictError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyRole, notifyUsers } from "../notifications/enqueue";
import { limited, touch, type PortalAccess } from "./portal";
import { addEvent, getWorkOrderInTenant } from "./work-order-records";

const { workOrders, vendorTokens } = schema;

/**
 * The vendor turns the job down (before work starts): the order goes back to the dispatcher
 * as new and unassigned, the link stops working, the requester and everyone who dispatches
 * work orders are told, and the refusal is audited with its reason.
 */
export async function portalDecline(access: PortalAccess, input: { reason: string }, now: Date) {
  await limited(access, now);
  return inTx(access.ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, access.workOrderId);
    if (!vendorMayDecline(wo.status))
      throw new ConflictError(
        `A ${wo.status.replace("_", " ")} job can no longer be declined; add a note instead`,
      );
    const moved = await tx.db
      .update(workOrders)
      .set({ status: "new", vendorId: null })
      .where(and(eq(workOrders.id, wo.id), eq(workOrders.status, wo.status)))
      .returning({ id: workOrders.id });
    if (!moved.length) throw new ConflictError("The work order was changed meanwhile");
    await tx.db
      .update(vendorTokens)
      .set({ revokedAt: now, lastUsedAt: now })
      .where(and(eq(vendorTokens.workOrderId, wo.id), isNull(vendorTokens.revokedAt)));
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "declined",
      from: wo.status,
      to: "new",
      note: input.reason,
      tokenId: access.tokenId,
    });
    await recordAudit(tx, {
      action: "work_order.declined",
      entityType: "work_order",
      entityId: wo.id,
      before: { status: wo.status, vendorId: wo.vendorId },
      after: { status: "new", vendorId: null, reason: input.reason.slice(0, 200) },
    });
    const message = {
      subject: `Work order #${wo.number} declined by the vendor`,
      body: `The vendor declined "${wo.title}": ${input.reason.slice(0, 500)}. It is back to new: assign another vendor.`,
      link: `/work-orders?order=${wo.id}`,
      dedupeKey: `work_order:${wo.id}:declined:${now.getTime()}`,
    };
    if (wo.requesterId) await notifyUsers(tx, { ...message, userIds: [wo.requesterId] }, now);
    for (const role of rolesWith("workOrder.manage"))
      if (role !== "site_manager") await notifyRole(tx, { ...message, role }, now);
    await publish(tx, "workOrder", [wo.id]);
    return { status: "new" as const };
  });
}

/** The vendor is heading to the site: on the timeline, audited, and the requester is told. */
export async function portalOnMyWay(
  access: PortalAccess,
  input: { etaMinutes?: number | undefined },
  now: Date,
) {
  await limited(access, now);
  return inTx(access.ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, access.workOrderId);
    if (!vendorMayHeadOut(wo.status))
      throw new ConflictError(
        wo.status === "assigned"
          ? "Accept the job before saying you are on your way"
          : `A ${wo.status.replace("_", " ")} job needs no "on my way"`,
      );
    await touch({ ...access, ctx: tx }, now);
    const note = input.etaMinutes
      ? `On the way, arriving in about ${input.etaMinutes} min`
      : "On the way";
    await addEvent(tx, { workOrderId: wo.id, kind: "on_my_way", note, tokenId: access.tokenId });
    await recordAudit(tx, {
      action: "work_order.on_my_way",
      entityType: "work_order",
      entityId: wo.id,
      after: input.etaMinutes ? { etaMinutes: input.etaMinutes } : { onTheWay: true },
    });
    if (wo.requesterId)
      await notifyUsers(
        tx,
        {
          userIds: [wo.requesterId],
          subject: `Work order #${wo.number}: the vendor is on the way`,
          body: `${note} to "${wo.title}".`,
          link: `/work-orders?order=${wo.id}`,
          dedupeKey: `work_order:${wo.id}:on_my_way:${now.getTime()}`,
        },
        now,
      );
    await publish(tx, "workOrder", [wo.id]);
    return { ok: true as const };
  });
}
