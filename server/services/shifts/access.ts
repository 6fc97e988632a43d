import "server-only";
import { and, eq } from "drizzle-orm";
import { tierIncludes, type Feature, type Tier } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, TierRequiredError, ValidationError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";

const { sites, clients, shifts, users, posts, shiftTemplates, tours, tourCheckpoints } = schema;

/** A site of the tenant in the actor's scope, with what shifts need of it and its client. */
export async function shiftSite(ctx: ServiceCtx, siteId: string) {
  const [row] = await ctx.db
    .select({
      id: sites.id,
      name: sites.name,
      clientId: sites.clientId,
      clientName: clients.name,
      tier: clients.tier,
      timeZone: sites.timeZone,
      latitude: sites.latitude,
      longitude: sites.longitude,
      radiusM: sites.geofenceRadiusM,
    })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(
      and(eq(sites.id, siteId), eq(sites.tenantId, ctx.tenantId), siteScopeFilter(ctx, sites.id)),
    );
  if (!row) throw new NotFoundError("Site");
  return row;
}

/** Throws the plan refusal (naming the tier) unless the client's plan has the feature. */
export function requireTier(client: { clientName: string; tier: Tier }, feature: Feature): void {
  if (!tierIncludes(client.tier, feature))
    throw new TierRequiredError(feature, client.clientName, client.tier);
}

/** Fetch-or-throw: a shift of the tenant at a site in the actor's scope. */
export async function getShiftInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.id, id),
        eq(shifts.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, shifts.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Shift");
  return row;
}

/** An active guard of the tenant (for assignments and device attendance), or a refusal naming `field`. */
export async function getGuardInTenant(ctx: ServiceCtx, userId: string, field = "guardId") {
  const [row] = await ctx.db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.tenantId, ctx.tenantId)));
  if (!row) throw new NotFoundError("Guard");
  if (row.role !== "guard")
    throw new ValidationError(`${field}: ${row.name} is not a guard`, field);
  if (!row.active) throw new ValidationError(`${field}: ${row.name} is no longer active`, field);
  return row;
}

export async function getPostInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(posts)
    .where(
      and(eq(posts.id, id), eq(posts.tenantId, ctx.tenantId), siteScopeFilter(ctx, posts.siteId)),
    );
  if (!row) throw new NotFoundError("Post");
  return row;
}

export async function getTemplateInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(shiftTemplates)
    .where(
      and(
        eq(shiftTemplates.id, id),
        eq(shiftTemplates.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, shiftTemplates.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Shift template");
  return row;
}

export async function getTourInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(tours)
    .where(
      and(eq(tours.id, id), eq(tours.tenantId, ctx.tenantId), siteScopeFilter(ctx, tours.siteId)),
    );
  if (!row) throw new NotFoundError("Tour");
  return row;
}

export async function getCheckpointInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(tourCheckpoints)
    .where(
      and(
        eq(tourCheckpoints.id, id),
        eq(tourCheckpoints.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, tourCheckpoints.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Checkpoint");
  return row;
}
