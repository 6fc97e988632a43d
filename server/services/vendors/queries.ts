import "server-only";
import { aliasedTable, and, asc, desc, eq, gt, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { OPEN_WORK_ORDER_STATUSES, nextStatusesFor, type WorkOrderStatus } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { listEntityTimeline } from "../audit/list";
import { actorRef, type ServiceCtx } from "../_core/context";
import { siteScopeFilter } from "../_core/scope";
import { expiredDocuments, getWorkOrderInTenant } from "./work-order-records";

const {
  workOrders,
  workOrderEvents,
  workOrderAttachments,
  vendorTokens,
  vendors,
  sites,
  clients,
  users,
} = schema;
const requester = aliasedTable(users, "requester");

export type WorkOrderFilters = {
  status?: WorkOrderStatus;
  siteId?: string;
  vendorId?: string;
  category?: string;
  q?: string;
  open?: boolean;
  limit: number;
};

/** Work orders in the actor's sites, newest first, with what the list shows. */
export async function listWorkOrders(ctx: ServiceCtx, f: WorkOrderFilters) {
  const q = f.q?.trim();
  return ctx.db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      title: workOrders.title,
      category: workOrders.category,
      priority: workOrders.priority,
      status: workOrders.status,
      dueAt: workOrders.dueAt,
      completedAt: workOrders.completedAt,
      rating: workOrders.rating,
      rework: workOrders.rework,
      possibleReworkOf: workOrders.possibleReworkOf,
      reworkConfirmed: workOrders.reworkConfirmed,
      createdAt: workOrders.createdAt,
      updatedAt: workOrders.updatedAt,
      siteName: sites.name,
      clientName: clients.name,
      vendorName: vendors.name,
    })
    .from(workOrders)
    .innerJoin(sites, eq(sites.id, workOrders.siteId))
    .innerJoin(clients, eq(clients.id, workOrders.clientId))
    .leftJoin(vendors, eq(vendors.id, workOrders.vendorId))
    .where(
      and(
        eq(workOrders.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, workOrders.siteId),
        f.status ? eq(workOrders.status, f.status) : undefined,
        f.open && !f.status ? inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]) : undefined,
        f.siteId ? eq(workOrders.siteId, f.siteId) : undefined,
        f.vendorId ? eq(workOrders.vendorId, f.vendorId) : undefined,
        f.category ? eq(workOrders.category, f.category) : undefined,
        q
          ? or(
              ilike(workOrders.title, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
              sql`${workOrders.number}::text = ${q.replace(/^#/, "")}`,
            )
          : undefined,
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(f.limit);
}

/** One work order with its timeline, attachments, vendor (and compliance) and link state. */
export async function getWorkOrderDetail(ctx: ServiceCtx, id: string, now: Date) {
  const wo = await getWorkOrderInTenant(ctx, id);
  const [[info], events, attachments, [link], audit, vendor, earlier] = await Promise.all([
    ctx.db
      .select({
        siteName: sites.name,
        siteAddress: sites.address,
        siteTimeZone: sites.timeZone,
        clientName: clients.name,
        tier: clients.tier,
        requesterName: requester.name,
      })
      .from(sites)
      .innerJoin(clients, eq(clients.id, sites.clientId))
      .leftJoin(requester, eq(requester.id, sql`${wo.requesterId}::uuid`))
      .where(eq(sites.id, wo.siteId)),
    ctx.db
      .select()
      .from(workOrderEvents)
      .where(eq(workOrderEvents.workOrderId, wo.id))
      .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id)),
    ctx.db
      .select({
        id: workOrderAttachments.id,
        name: workOrderAttachments.name,
        mime: workOrderAttachments.mime,
        size: workOrderAttachments.size,
        uploadedBy: workOrderAttachments.uploadedBy,
        createdAt: workOrderAttachments.createdAt,
      })
      .from(workOrderAttachments)
      .where(eq(workOrderAttachments.workOrderId, wo.id))
      .orderBy(asc(workOrderAttachments.createdAt)),
    ctx.db
      .select({
        id: vendorTokens.id,
        expiresAt: vendorTokens.expiresAt,
        lastUsedAt: vendorTokens.lastUsedAt,
        createdAt: vendorTokens.createdAt,
      })
      .from(vendorTokens)
      .where(
        and(
          eq(vendorTokens.workOrderId, wo.id),
          isNull(vendorTokens.revokedAt),
          gt(vendorTokens.expiresAt, now),
        ),
      )
      .orderBy(desc(vendorTokens.createdAt))
      .limit(1),
    listEntityTimeline(ctx, { entityType: "work_order", entityId: wo.id }),
    wo.vendorId
      ? ctx.db
          .select({
            id: vendors.id,
            name: vendors.name,
            email: vendors.email,
            phone: vendors.phone,
          })
          .from(vendors)
          .where(eq(vendors.id, wo.vendorId))
          .then(async ([v]) =>
            v ? { ...v, expired: await expiredDocuments(ctx, v.id, now) } : null,
          )
      : null,
    wo.possibleReworkOf
      ? ctx.db
          .select({ id: workOrders.id, number: workOrders.number, title: workOrders.title })
          .from(workOrders)
          .where(eq(workOrders.id, wo.possibleReworkOf))
          .then((rows) => rows[0] ?? null)
      : null,
  ]);
  return {
    ...wo,
    ...info,
    events,
    attachments,
    link: link ?? null,
    audit,
    vendor,
    possibleReworkOfOrder: earlier,
    next: nextStatusesFor(wo.status, "staff"),
    viewer: actorRef(ctx.actor).label,
  };
}
