import "server-only";
import { and, desc, eq, gte } from "drizzle-orm";
import {
  OPEN_WORK_ORDER_STATUSES,
  REWORK_WINDOW_DAYS,
  type WorkOrderCategory,
  type WorkOrderPriority,
} from "@/lib/work-orders";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { assignWorkOrder } from "./work-order-flow";
import { addEvent, getWorkOrderInTenant } from "./work-order-records";

const { workOrders, sites } = schema;

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
