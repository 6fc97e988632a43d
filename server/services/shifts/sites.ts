import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { tierIncludes, type Tier } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { requireActorCan, siteScopeFilter } from "../_core/scope";
import { requireTier } from "./access";

const { sites, clients } = schema;

export type ShiftSiteRow = {
  id: string;
  name: string;
  clientId: string;
  clientName: string;
  tier: Tier;
  timeZone: string;
};

/** The active sites in the actor's scope (or the one asked for), with their client's plan. */
export async function scopedSites(ctx: ServiceCtx, siteId?: string): Promise<ShiftSiteRow[]> {
  const rows = await ctx.db
    .select({
      id: sites.id,
      name: sites.name,
      clientId: clients.id,
      clientName: clients.name,
      tier: clients.tier,
      timeZone: sites.timeZone,
    })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(
      and(
        eq(sites.tenantId, ctx.tenantId),
        eq(sites.active, true),
        siteId ? eq(sites.id, siteId) : undefined,
        siteScopeFilter(ctx, sites.id),
      ),
    )
    .orderBy(asc(clients.name), asc(sites.name));
  if (siteId && !rows.length) throw new NotFoundError("Site");
  return rows;
}

/**
 * The sites in scope whose plan has shift compliance, for the figures that need it: a site asked
 * for by id on a lower plan is refused naming the plan; otherwise lower plans are left out.
 */
export async function complianceSites(ctx: ServiceCtx, siteId?: string): Promise<ShiftSiteRow[]> {
  requireActorCan(ctx, "shifts.view");
  const sites = await scopedSites(ctx, siteId);
  const [asked] = sites;
  if (siteId && asked) requireTier(asked, "shiftCompliance");
  return sites.filter((s) => tierIncludes(s.tier, "shiftCompliance"));
}
