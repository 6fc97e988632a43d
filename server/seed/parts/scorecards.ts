import { and, eq } from "drizzle-orm";
import { schema } from "@/server/db";
import { generateMonthForTenant } from "@/server/services/scorecards/generate";
import { pastMonths } from "@/server/services/scorecards/queries";
import type { SeedContext, SeedPart } from "../types";
import { jobContext } from "@/server/services/_core/system";

const H = 3_600_000;

/**
 * Six months of scorecards for Northwind, oldest first so each compares with the one before.
 * Clients are dated back to before the first month, and Acme Logistics gets one clearly bad
 * month (breached tickets and critical alarms answered slowly at one site) for the summary.
 */
async function demo(ctx: SeedContext) {
  const tenantId = ctx.tenants.get("northwind");
  if (!tenantId) return;
  const now = new Date();
  const months = pastMonths(now, 6).reverse();
  const first = months[0];
  if (!first) return;
  await ctx.db
    .update(schema.clients)
    .set({ createdAt: new Date(`${first}-01T00:00:00Z`) })
    .where(eq(schema.clients.tenantId, tenantId));
  const [site] = await ctx.db
    .select({ id: schema.sites.id, clientId: schema.sites.clientId })
    .from(schema.sites)
    .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
    .where(and(eq(schema.sites.tenantId, tenantId), eq(schema.clients.name, "Acme Logistics")))
    .orderBy(schema.sites.name)
    .limit(1);
  const bad = months[3];
  if (site && bad) {
    const day = (d: number, h = 12) =>
      new Date(Date.parse(`${bad}-01T00:00:00Z`) + (d * 24 + h) * H);
    await ctx.db.insert(schema.tickets).values(
      Array.from({ length: 9 }, (_, i) => ({
        tenantId,
        clientId: site.clientId,
        siteId: site.id,
        requester: "Acme front desk",
        title: `Access control fault ${i + 1}`,
        category: "access",
        priority: "P2" as const,
        status: "resolved" as const,
        createdAt: day(3 + i, 8),
        resolvedAt: day(5 + i, 18),
        resolutionBreached: i < 6,
      })),
    );
    await ctx.db.insert(schema.alerts).values(
      (["INTRUSION", "FIRE_ALARM", "SECURITY_BREACH"] as const).map((type, i) => ({
        tenantId,
        clientId: site.clientId,
        siteId: site.id,
        type,
        severity: "critical" as const,
        title: `${type.replace("_", " ").toLowerCase()} (scorecard demo)`,
        source: "api" as const,
        fingerprint: `scorecard-demo-${bad}-${i}`,
        status: "resolved" as const,
        firstSeenAt: day(6 + i * 5, 2),
        lastSeenAt: day(6 + i * 5, 2),
        acknowledgedAt: new Date(day(6 + i * 5, 2).getTime() + 35 * 60_000),
        resolvedAt: day(6 + i * 5, 5),
        resolution: "manual" as const,
      })),
    );
  }
  const sys = jobContext(tenantId, "seed", ctx.db);
  for (const month of months) await generateMonthForTenant(sys, month, now);
  ctx.log(`scorecards: ${months.length} months for Northwind (a bad ${bad ?? "?"} at Acme)`);
}

export const scorecardsPart: SeedPart = { name: "scorecards", demo };
