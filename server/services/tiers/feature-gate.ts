import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { tierIncludes, tiersWith, type Feature } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { TierRequiredError } from "../_core/errors";
import { getClientInTenant } from "../clients/clients";
import { getSiteInTenant } from "../sites/sites";

/** Throws TierRequiredError (naming the tier) unless the client's plan includes the feature. */
export async function requireFeature(
  ctx: ServiceCtx,
  clientId: string,
  feature: Feature,
): Promise<void> {
  const client = await getClientInTenant(ctx, clientId);
  if (!tierIncludes(client.tier, feature))
    throw new TierRequiredError(feature, client.name, client.tier);
}

/** requireFeature for the client that owns a site. */
export async function requireSiteFeature(
  ctx: ServiceCtx,
  siteId: string,
  feature: Feature,
): Promise<void> {
  const site = await getSiteInTenant(ctx, siteId);
  await requireFeature(ctx, site.clientId, feature);
}

/** The active clients of the tenant whose plan includes the feature: what a job may process. */
export async function clientIdsWithFeature(ctx: ServiceCtx, feature: Feature): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: schema.clients.id })
    .from(schema.clients)
    .where(
      and(
        eq(schema.clients.tenantId, ctx.tenantId),
        eq(schema.clients.active, true),
        inArray(schema.clients.tier, tiersWith(feature)),
      ),
    );
  return rows.map((r) => r.id);
}
