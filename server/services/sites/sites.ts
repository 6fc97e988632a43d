import "server-only";
import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { z } from "zod";
import type { siteCreateInput, siteUpdateInput } from "@/lib/schemas/admin";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { likePattern } from "../_core/like";
import { siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { getClientInTenant } from "../clients/clients";
import { publish } from "../live/publish";

const { sites, clients } = schema;

export async function listSites(ctx: ServiceCtx, input: { clientId?: string } = {}) {
  return ctx.db
    .select({
      id: sites.id,
      name: sites.name,
      address: sites.address,
      phone: sites.phone,
      timeZone: sites.timeZone,
      latitude: sites.latitude,
      longitude: sites.longitude,
      geofenceRadiusM: sites.geofenceRadiusM,
      criticality: sites.criticality,
      active: sites.active,
      clientId: clients.id,
      clientName: clients.name,
      tier: clients.tier,
    })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(
      and(
        eq(sites.tenantId, ctx.tenantId),
        input.clientId ? eq(sites.clientId, input.clientId) : undefined,
        siteScopeFilter(ctx, sites.id),
      ),
    )
    .orderBy(asc(clients.name), asc(sites.name));
}

/** Sites in the actor's scope whose name or client's name matches `q` (the command palette). */
export async function searchSites(ctx: ServiceCtx, input: { q: string; limit: number }) {
  const pattern = likePattern(input.q);
  return ctx.db
    .select({ id: sites.id, name: sites.name, clientName: clients.name })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(
      and(
        eq(sites.tenantId, ctx.tenantId),
        or(ilike(sites.name, pattern), ilike(clients.name, pattern)),
        siteScopeFilter(ctx, sites.id),
      ),
    )
    .orderBy(asc(sites.name))
    .limit(input.limit);
}

/** Fetch-or-throw: a site of this tenant within the actor's scope. */
export async function getSiteInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(sites)
    .where(and(eq(sites.id, id), eq(sites.tenantId, ctx.tenantId), siteScopeFilter(ctx, sites.id)))
    .limit(1);
  if (!row) throw new NotFoundError("Site");
  return row;
}

function auditable(s: typeof sites.$inferSelect) {
  const { id: _id, tenantId: _t, createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
}

export async function createSite(ctx: ServiceCtx, input: z.output<typeof siteCreateInput>) {
  return inTx(ctx, async (tx) => {
    await getClientInTenant(tx, input.clientId);
    const [row] = await tx.db
      .insert(sites)
      .values({ tenantId: ctx.tenantId, ...input })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "site.create",
      entityType: "site",
      entityId: row.id,
      after: auditable(row),
    });
    await publish(tx, "site", [row.id]);
    return row;
  });
}

export async function updateSite(ctx: ServiceCtx, input: z.output<typeof siteUpdateInput>) {
  return inTx(ctx, async (tx) => {
    const before = await getSiteInTenant(tx, input.id);
    if (input.clientId) await getClientInTenant(tx, input.clientId);
    const { id, ...fields } = input;
    const [after] = await tx.db
      .update(sites)
      .set(fields)
      .where(and(eq(sites.id, id), eq(sites.tenantId, ctx.tenantId)))
      .returning();
    if (!after) throw new NotFoundError("Site");
    await recordAudit(tx, {
      action: "site.update",
      entityType: "site",
      entityId: id,
      before: auditable(before),
      after: auditable(after),
    });
    await publish(tx, "site", [id]);
    return after;
  });
}
