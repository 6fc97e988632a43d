import "server-only";
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { DEVICE_RULES, type DeviceKind } from "@/lib/devices";
import { tiersWith, TIERS, type Tier } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { siteScopeFilter, visibleClientFilter } from "../_core/scope";
import { requireFeature, requireSiteFeature } from "../tiers/feature-gate";

const { devices, deviceHealth, sites, clients, deviceHealthRuns } = schema;

export type FleetFilters = { clientId?: string; siteId?: string; kind?: DeviceKind };
export type DeviceStatus = "online" | "offline" | "at_risk";

const tierIn = (feature: Parameters<typeof tiersWith>[0]) =>
  inArray(clients.tier, tiersWith(feature));
/** Online but likely to fail within the hour, or in poor health (offline ones count as offline). */
const atRisk = sql`(${devices.online} and (${deviceHealth.probability} >= ${DEVICE_RULES.alertAt} or ${deviceHealth.score} < ${DEVICE_RULES.atRiskScore}))`;

/**
 * The devices a fleet view covers: the actor's sites, active devices of clients whose plan
 * has device health dashboards (silver and up), narrowed by the filters. A filter naming a
 * client or site whose plan lacks it is refused with the tier it needs.
 */
async function fleetScope(ctx: ServiceCtx, f: FleetFilters): Promise<SQL | undefined> {
  if (f.clientId) await requireFeature(ctx, f.clientId, "deviceHealth");
  if (f.siteId) await requireSiteFeature(ctx, f.siteId, "deviceHealth");
  return and(
    eq(devices.tenantId, ctx.tenantId),
    eq(devices.active, true),
    tierIn("deviceHealth"),
    siteScopeFilter(ctx, devices.siteId),
    f.clientId ? eq(devices.clientId, f.clientId) : undefined,
    f.siteId ? eq(devices.siteId, f.siteId) : undefined,
    f.kind ? eq(devices.kind, f.kind) : undefined,
  );
}

const listColumns = {
  id: devices.id,
  name: devices.name,
  kind: devices.kind,
  serial: devices.serial,
  siteId: devices.siteId,
  siteName: sites.name,
  clientId: devices.clientId,
  clientName: clients.name,
  online: devices.online,
  lastSeenAt: devices.lastSeenAt,
  score: deviceHealth.score,
  components: deviceHealth.components,
  probability: deviceHealth.probability,
  failureType: sql<string | null>`${deviceHealth.prediction}->>'type'`,
};

/**
 * The fleet page (devices.md): a histogram of scores, counts online / offline / at risk, the
 * worst 20, a summary per site, the replacement list (gold), the clients shown locked, and
 * when the last scoring run finished.
 */
export async function fleetSummary(ctx: ServiceCtx, f: FleetFilters) {
  const where = await fleetScope(ctx, f);
  const [buckets, [counts], worst, perSite, replacement, locked, lastRun] = await Promise.all([
    ctx.db
      .select({
        bucket: sql<number>`least(9, ${deviceHealth.score} / 10)::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(devices)
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .innerJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
      .where(and(where, isNotNull(deviceHealth.score)))
      .groupBy(sql`1`),
    ctx.db
      .select({
        total: sql<number>`count(*)::int`,
        online: sql<number>`count(*) filter (where ${devices.online})::int`,
        offline: sql<number>`count(*) filter (where not ${devices.online})::int`,
        atRisk: sql<number>`count(*) filter (where ${atRisk})::int`,
        unscored: sql<number>`count(*) filter (where ${deviceHealth.score} is null)::int`,
      })
      .from(devices)
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
      .where(where),
    ctx.db
      .select(listColumns)
      .from(devices)
      .innerJoin(sites, eq(sites.id, devices.siteId))
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .innerJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
      .where(and(where, isNotNull(deviceHealth.score)))
      .orderBy(asc(deviceHealth.score), desc(deviceHealth.probability), asc(devices.name))
      .limit(20),
    ctx.db
      .select({
        siteId: devices.siteId,
        siteName: sites.name,
        clientName: clients.name,
        devices: sql<number>`count(*)::int`,
        online: sql<number>`count(*) filter (where ${devices.online})::int`,
        offline: sql<number>`count(*) filter (where not ${devices.online})::int`,
        atRisk: sql<number>`count(*) filter (where ${atRisk})::int`,
        avgScore: sql<number | null>`round(avg(${deviceHealth.score}))::int`,
        minScore: sql<number | null>`min(${deviceHealth.score})::int`,
      })
      .from(devices)
      .innerJoin(sites, eq(sites.id, devices.siteId))
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
      .where(where)
      .groupBy(devices.siteId, sites.name, clients.name)
      .orderBy(sql`4 desc`, sql`7 desc`, sql`8 asc nulls last`, asc(sites.name)),
    ctx.db
      .select({
        ...listColumns,
        reason: deviceHealth.replacementReason,
        since: deviceHealth.replacementSince,
      })
      .from(devices)
      .innerJoin(sites, eq(sites.id, devices.siteId))
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .innerJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
      .where(and(where, tierIn("predictiveReplacement"), isNotNull(deviceHealth.replacementReason)))
      .orderBy(asc(deviceHealth.replacementSince), asc(devices.name))
      .limit(200),
    // clients in view whose plan lacks the dashboards: shown locked, not left out silently
    ctx.db
      .selectDistinct({ id: clients.id, name: clients.name, tier: clients.tier })
      .from(devices)
      .innerJoin(clients, eq(clients.id, devices.clientId))
      .where(
        and(
          eq(devices.tenantId, ctx.tenantId),
          eq(devices.active, true),
          inArray(
            clients.tier,
            TIERS.filter((t) => !tiersWith("deviceHealth").includes(t)),
          ),
          siteScopeFilter(ctx, devices.siteId),
          visibleClientFilter(ctx, clients.id),
        ),
      )
      .orderBy(asc(clients.name)),
    lastRunAt(ctx),
  ]);
  const histogram = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i === 9 ? 100 : i * 10 + 9,
    count: buckets.find((b) => b.bucket === i)?.n ?? 0,
  }));
  const goldInView = await anyClientWith(ctx, f, "predictiveReplacement");
  return {
    histogram,
    counts: counts ?? { total: 0, online: 0, offline: 0, atRisk: 0, unscored: 0 },
    worst,
    sites: perSite,
    replacement: goldInView
      ? { available: true as const, items: replacement }
      : { available: false as const, minTier: "gold" as Tier, items: [] },
    lockedClients: locked,
    lastRunAt: lastRun,
  };
}

/** When the tenant's hourly device run last ran (null: never). */
export async function lastRunAt(ctx: ServiceCtx): Promise<Date | null> {
  const [run] = await ctx.db
    .select({ runAt: deviceHealthRuns.runAt })
    .from(deviceHealthRuns)
    .where(eq(deviceHealthRuns.tenantId, ctx.tenantId))
    .orderBy(desc(deviceHealthRuns.runAt))
    .limit(1);
  return run?.runAt ?? null;
}

/** Whether any client in view has a plan with the feature. */
async function anyClientWith(
  ctx: ServiceCtx,
  f: FleetFilters,
  feature: Parameters<typeof tiersWith>[0],
): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: devices.id })
    .from(devices)
    .innerJoin(clients, eq(clients.id, devices.clientId))
    .where(
      and(
        eq(devices.tenantId, ctx.tenantId),
        tierIn(feature),
        siteScopeFilter(ctx, devices.siteId),
        f.clientId ? eq(devices.clientId, f.clientId) : undefined,
        f.siteId ? eq(devices.siteId, f.siteId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** A page of the fleet's devices, worst first, with a status filter and a search box. */
export async function listDevices(
  ctx: ServiceCtx,
  f: FleetFilters & { status?: DeviceStatus; q?: string; limit: number; offset: number },
) {
  const where = await fleetScope(ctx, f);
  const q = f.q?.trim();
  const rows = await ctx.db
    .select(listColumns)
    .from(devices)
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .innerJoin(clients, eq(clients.id, devices.clientId))
    .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
    .where(
      and(
        where,
        f.status === "online" ? eq(devices.online, true) : undefined,
        f.status === "offline" ? eq(devices.online, false) : undefined,
        f.status === "at_risk" ? atRisk : undefined,
        q
          ? or(
              ilike(devices.name, `%${escapeLike(q)}%`),
              ilike(devices.serial, `%${escapeLike(q)}%`),
            )
          : undefined,
      ),
    )
    .orderBy(sql`${deviceHealth.score} asc nulls last`, asc(devices.name), asc(devices.id))
    .limit(f.limit + 1)
    .offset(f.offset);
  return { items: rows.slice(0, f.limit), more: rows.length > f.limit };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
