import "server-only";
import { and, desc, eq, gte, isNull, lt } from "drizzle-orm";
import {
  OPEN_WORK_ORDER_STATUSES,
  REWORK_WINDOW_DAYS,
  canTransition,
  transitionEffect,
  type WorkOrderCategory,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { actorRef, type ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyUsers } from "../notifications/enqueue";

const { workOrders, workOrderEvents, vendors, vendorDocuments, vendorTokens, sites } = schema;

/** Fetch-or-throw: a work order of this tenant inside the actor's sites. */
export async function getWorkOrderInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.id, id),
        eq(workOrders.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, workOrders.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Work order");
  return row;
}

/** A vendor's documents that have expired: any makes it do-not-dispatch. */
export async function expiredDocuments(ctx: ServiceCtx, vendorId: string, today: Date) {
  return ctx.db
    .select({
      kind: vendorDocuments.kind,
      name: vendorDocuments.name,
      expiresOn: vendorDocuments.expiresOn,
    })
    .from(vendorDocuments)
    .where(
      and(
        eq(vendorDocuments.tenantId, ctx.tenantId),
        eq(vendorDocuments.vendorId, vendorId),
        lt(vendorDocuments.expiresOn, today.toISOString().slice(0, 10)),
      ),
    );
}

export async function addEvent(
  ctx: ServiceCtx,
  e: {
    workOrderId: string;
    kind: string;
    from?: WorkOrderStatus | null;
    to?: WorkOrderStatus | null;
    note?: string | null;
    tokenId?: string | null;
  },
) {
  await ctx.db.insert(workOrderEvents).values({
    tenantId: ctx.tenantId,
    workOrderId: e.workOrderId,
    kind: e.kind,
    fromStatus: e.from ?? null,
    toStatus: e.to ?? null,
    note: e.note ?? null,
    actorLabel: actorRef(ctx.actor).label,
    tokenId: e.tokenId ?? null,
  });
}

export type WorkOrderCreate = {
  siteId: string;
  title: string;
  description: string;
  category: WorkOrderCategory;
  priority: WorkOrderPriority;
  estimateHours?: number | null;
  dueAt?: Date | null;
  vendorId?: string | null;
};

/**
 * Opens a work order. A verified order at the same site and category in the last 14 days
 * makes it a possible rework, flagged for the requester to confirm.
 */
export async function createWorkOrder(ctx: ServiceCtx, input: WorkOrderCreate, now: Date) {
  return inTx(ctx, async (tx) => {
    const [site] = await tx.db
      .select({ id: sites.id, clientId: sites.clientId })
      .from(sites)
      .where(
        and(
          eq(sites.id, input.siteId),
          eq(sites.tenantId, ctx.tenantId),
          siteScopeFilter(tx, sites.id),
        ),
      );
    if (!site) throw new NotFoundError("Site");
    const [earlier] = await tx.db
      .select({ id: workOrders.id, number: workOrders.number })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.tenantId, ctx.tenantId),
          eq(workOrders.siteId, site.id),
          eq(workOrders.category, input.category),
          gte(workOrders.verifiedAt, new Date(now.getTime() - REWORK_WINDOW_DAYS * 86_400_000)),
        ),
      )
      .orderBy(desc(workOrders.verifiedAt))
      .limit(1);
    const [row] = await tx.db
      .insert(workOrders)
      .values({
        tenantId: ctx.tenantId,
        clientId: site.clientId,
        siteId: site.id,
        requesterId: ctx.actor.type === "user" ? ctx.actor.userId : null,
        title: input.title,
        description: input.description,
        category: input.category,
        priority: input.priority,
        estimateHours: input.estimateHours ?? null,
        dueAt: input.dueAt ?? null,
        possibleReworkOf: earlier?.id ?? null,
      })
      .returning({ id: workOrders.id, number: workOrders.number });
    if (!row) throw new Error("work order not created");
    await addEvent(tx, { workOrderId: row.id, kind: "status", to: "new" });
    await recordAudit(tx, {
      action: "work_order.create",
      entityType: "work_order",
      entityId: row.id,
      after: { title: input.title, category: input.category, siteId: site.id },
    });
    let warnings: string[] = [];
    if (input.vendorId)
      warnings = (await assignWorkOrder(tx, { id: row.id, vendorId: input.vendorId }, now))
        .warnings;
    await publish(tx, "workOrder", [row.id]);
    return { ...row, possibleReworkOf: earlier ?? null, warnings };
  });
}

type WorkOrderEdit = {
  id: string;
  title?: string | undefined;
  description?: string | undefined;
  category?: WorkOrderCategory | undefined;
  priority?: WorkOrderPriority | undefined;
  estimateHours?: number | null | undefined;
  dueAt?: Date | null | undefined;
};

const EDITABLE = [
  "title",
  "description",
  "category",
  "priority",
  "estimateHours",
  "dueAt",
] as const;

/** Corrects an open order's details (title, description, category, priority, estimate, due). */
export async function updateWorkOrder(ctx: ServiceCtx, input: WorkOrderEdit) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    if (!OPEN_WORK_ORDER_STATUSES.includes(wo.status))
      throw new ConflictError(`A ${wo.status} order can no longer be edited`);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of EDITABLE) {
      const next = input[k];
      if (next === undefined) continue;
      const was = wo[k];
      const same =
        next instanceof Date || was instanceof Date
          ? (next as Date | null)?.getTime() === (was as Date | null)?.getTime()
          : next === was;
      if (same) continue;
      before[k] = was;
      after[k] = next;
    }
    const changed = Object.keys(after);
    if (!changed.length) return { changed };
    await tx.db.update(workOrders).set(after).where(eq(workOrders.id, wo.id));
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "edit",
      note: `Changed ${changed.map((k) => EDIT_LABELS[k as (typeof EDITABLE)[number]]).join(", ")}`,
    });
    await recordAudit(tx, {
      action: "work_order.update",
      entityType: "work_order",
      entityId: wo.id,
      before,
      after,
    });
    await publish(tx, "workOrder", [wo.id]);
    return { changed };
  });
}

const EDIT_LABELS: Record<(typeof EDITABLE)[number], string> = {
  title: "title",
  description: "description",
  category: "category",
  priority: "priority",
  estimateHours: "estimate",
  dueAt: "due time",
};

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
