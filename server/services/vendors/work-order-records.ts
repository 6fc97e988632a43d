import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { type WorkOrderStatus } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { actorRef, type ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";

const { workOrders, workOrderEvents, vendorDocuments } = schema;

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
