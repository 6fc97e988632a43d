import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  TOKEN_TTL_DAYS,
  isVendorReadOnly,
  nextStatusesFor,
  vendorMayDecline,
  vendorMayHeadOut,
  type WorkOrderStatus,
} from "@/lib/work-orders";
import { schema, type DbOrTx } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, RateLimitedError, ValidationError } from "../_core/errors";
import type { PlatformCtx } from "../_core/system";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyEmail } from "../notifications/enqueue";
import {
  hashPortalToken,
  looksLikeToken,
  newPortalToken,
  tokenExpiresAt,
  tokenState,
} from "./token";
import { moveWorkOrder, noteOnWorkOrder } from "./work-order-flow";
import { addEvent, getWorkOrderInTenant } from "./work-order-records";

const {
  workOrders,
  vendorTokens,
  vendors,
  sites,
  clients,
  users,
  workOrderEvents,
  workOrderAttachments,
} = schema;

/** Vendor actions allowed per link, and misses allowed per address, in a rolling window. */
export const PORTAL_LIMITS = { actionsPerWindow: 60, missesPerWindow: 30, windowMinutes: 10 };

/** Counts a hit against a key; false once the key is over its limit in the window. */
export async function underLimit(
  db: DbOrTx,
  key: string,
  max: number,
  now: Date,
): Promise<boolean> {
  const t = schema.signInThrottle;
  const at = sql`${now.toISOString()}::timestamptz`;
  const window = sql.raw(`interval '${PORTAL_LIMITS.windowMinutes} minutes'`);
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${t.windowStartedAt} < ${at} - ${window} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${t.windowStartedAt} < ${at} - ${window} then ${at} else ${t.windowStartedAt} end`,
      },
    })
    .returning({ n: t.failures });
  return (row?.n ?? 0) <= max;
}

/**
 * Sends (or re-sends) the vendor its link: any earlier link stops working, the new token is
 * stored only as its hash, and the e-mail goes through the notification outbox. Returns the
 * link so staff can also hand it over by phone.
 */
export async function sendVendorLink(
  ctx: ServiceCtx,
  input: { id: string; baseUrl: string; days?: number },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    if (!wo.vendorId)
      throw new ValidationError("Assign a vendor before sending a link", "vendorId");
    if (isVendorReadOnly(wo.status))
      throw new ConflictError(`A ${wo.status} order needs no vendor link`);
    const [vendor] = await tx.db
      .select({ name: vendors.name, email: vendors.email })
      .from(vendors)
      .where(eq(vendors.id, wo.vendorId));
    if (!vendor) throw new ValidationError("The vendor no longer exists", "vendorId");
    await tx.db
      .update(vendorTokens)
      .set({ revokedAt: now })
      .where(and(eq(vendorTokens.workOrderId, wo.id), isNull(vendorTokens.revokedAt)));
    const { token, hash } = newPortalToken();
    const expiresAt = tokenExpiresAt(now, input.days ?? TOKEN_TTL_DAYS);
    const [row] = await tx.db
      .insert(vendorTokens)
      .values({
        tenantId: ctx.tenantId,
        workOrderId: wo.id,
        tokenHash: hash,
        expiresAt,
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .returning({ id: vendorTokens.id });
    const url = `${input.baseUrl.replace(/\/$/, "")}/v/${token}`;
    await notifyEmail(tx, {
      to: vendor.email,
      subject: `Work order #${wo.number}: ${wo.title}`,
      body: `You have a work order from us. Open it, accept it and keep us posted here (no login needed; the link works until ${expiresAt.toUTCString()}):\n\n${url}`,
      dedupeKey: `work_order:${wo.id}:link:${row?.id ?? now.getTime()}`,
    });
    await addEvent(tx, {
      workOrderId: wo.id,
      kind: "link",
      note: `Link sent to ${vendor.name} (${vendor.email}), valid until ${expiresAt.toISOString().slice(0, 10)}`,
    });
    await recordAudit(tx, {
      action: "work_order.link_sent",
      entityType: "work_order",
      entityId: wo.id,
      after: { tokenId: row?.id, expiresAt: expiresAt.toISOString() },
    });
    await publish(tx, "workOrder", [wo.id]);
    return { url, expiresAt };
  });
}

export async function revokeVendorLink(ctx: ServiceCtx, input: { id: string }, now: Date) {
  return inTx(ctx, async (tx) => {
    const wo = await getWorkOrderInTenant(tx, input.id);
    const revoked = await tx.db
      .update(vendorTokens)
      .set({ revokedAt: now })
      .where(and(eq(vendorTokens.workOrderId, wo.id), isNull(vendorTokens.revokedAt)))
      .returning({ id: vendorTokens.id });
    if (revoked.length) {
      await addEvent(tx, { workOrderId: wo.id, kind: "link", note: "Vendor link revoked" });
      await recordAudit(tx, {
        action: "work_order.link_revoked",
        entityType: "work_order",
        entityId: wo.id,
        after: { tokens: revoked.map((r) => r.id) },
      });
      await publish(tx, "workOrder", [wo.id]);
    }
    return { revoked: revoked.length };
  });
}

export type PortalAccess = { ctx: ServiceCtx; workOrderId: string; tokenId: string };

/**
 * The token's work order, or null for anything else (malformed, unknown, expired, revoked) —
 * with the same work either way: every string is hashed and looked up, so a miss takes as
 * long as a plausible guess and says nothing about why. A look-up across tenants, before one
 * is known.
 */
export async function resolvePortalToken(
  { db }: PlatformCtx,
  token: string,
  now: Date,
): Promise<PortalAccess | null> {
  const hash = hashPortalToken(typeof token === "string" ? token.slice(0, 200) : "");
  const [row] = await db
    .select({
      id: vendorTokens.id,
      tenantId: vendorTokens.tenantId,
      workOrderId: vendorTokens.workOrderId,
      expiresAt: vendorTokens.expiresAt,
      revokedAt: vendorTokens.revokedAt,
    })
    .from(vendorTokens)
    .where(eq(vendorTokens.tokenHash, hash));
  if (!row || !looksLikeToken(token) || tokenState(row, now) !== "valid") return null;
  return {
    tokenId: row.id,
    workOrderId: row.workOrderId,
    ctx: { tenantId: row.tenantId, actor: { type: "vendorToken", tokenId: row.id }, db },
  };
}

/** What the vendor sees: the order, where and whom to ask, its history and attachments. */
export async function portalView(access: PortalAccess) {
  const { ctx } = access;
  const [wo] = await ctx.db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      title: workOrders.title,
      description: workOrders.description,
      category: workOrders.category,
      priority: workOrders.priority,
      status: workOrders.status,
      estimateHours: workOrders.estimateHours,
      dueAt: workOrders.dueAt,
      siteName: sites.name,
      siteAddress: sites.address,
      sitePhone: sites.phone,
      siteTimeZone: sites.timeZone,
      clientName: clients.name,
      contactName: users.name,
      contactEmail: users.email,
      vendorName: vendors.name,
    })
    .from(workOrders)
    .innerJoin(sites, eq(sites.id, workOrders.siteId))
    .innerJoin(clients, eq(clients.id, workOrders.clientId))
    .leftJoin(users, eq(users.id, workOrders.requesterId))
    .leftJoin(vendors, eq(vendors.id, workOrders.vendorId))
    .where(and(eq(workOrders.id, access.workOrderId), eq(workOrders.tenantId, ctx.tenantId)));
  if (!wo) return null;
  const [events, attachments] = await Promise.all([
    ctx.db
      .select({
        kind: workOrderEvents.kind,
        from: workOrderEvents.fromStatus,
        to: workOrderEvents.toStatus,
        note: workOrderEvents.note,
        actor: workOrderEvents.actorLabel,
        at: workOrderEvents.at,
      })
      .from(workOrderEvents)
      .where(eq(workOrderEvents.workOrderId, wo.id))
      .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id)),
    ctx.db
      .select({
        id: workOrderAttachments.id,
        name: workOrderAttachments.name,
        mime: workOrderAttachments.mime,
        size: workOrderAttachments.size,
        createdAt: workOrderAttachments.createdAt,
      })
      .from(workOrderAttachments)
      .where(eq(workOrderAttachments.workOrderId, wo.id))
      .orderBy(asc(workOrderAttachments.createdAt)),
  ]);
  return {
    ...wo,
    // links are for the vendor's side only: staff-only events (who sent which link) stay out
    events: events.filter((e) => e.kind !== "link"),
    attachments,
    readOnly: isVendorReadOnly(wo.status),
    next: nextStatusesFor(wo.status, "vendor"),
    mayDecline: vendorMayDecline(wo.status),
    mayHeadOut: vendorMayHeadOut(wo.status),
  };
}

/** Counts a vendor action against the link's limit; refuses past it. */
export async function limited(access: PortalAccess, now: Date) {
  if (
    !(await underLimit(
      access.ctx.db,
      `portal:token:${access.tokenId}`,
      PORTAL_LIMITS.actionsPerWindow,
      now,
    ))
  )
    throw new RateLimitedError(
      `Too many updates from this link; try again in ${PORTAL_LIMITS.windowMinutes} minutes`,
      PORTAL_LIMITS.windowMinutes * 60,
    );
}

export async function portalMove(
  access: PortalAccess,
  input: { to: WorkOrderStatus; note?: string | null },
  now: Date,
) {
  await limited(access, now);
  await touch(access, now);
  return moveWorkOrder(access.ctx, { id: access.workOrderId, to: input.to, note: input.note }, now);
}

export async function portalNote(access: PortalAccess, note: string, now: Date) {
  await limited(access, now);
  const wo = await getWorkOrderInTenant(access.ctx, access.workOrderId);
  if (isVendorReadOnly(wo.status))
    throw new ConflictError("This work order is closed; it can no longer be changed");
  await touch(access, now);
  return noteOnWorkOrder(access.ctx, { id: access.workOrderId, note }, now);
}

/** Stamps the link as used now. */
export async function touch(access: PortalAccess, now: Date) {
  await access.ctx.db
    .update(vendorTokens)
    .set({ lastUsedAt: now })
    .where(eq(vendorTokens.id, access.tokenId));
}
