import "server-only";
import { and, asc, desc, eq, gte, sql, type SQL } from "drizzle-orm";
import { FALSE_ALARM_MIN_RESOLVED, FALSE_ALARM_WINDOW_DAYS } from "@/lib/noc";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { alertVisibility } from "./access";

const { alerts, sites, clients } = schema;

/** The tenant's alerts resolved in the last 30 days: the labels of the closed loop. */
const resolvedInWindow = (ctx: ServiceCtx, now: Date) =>
  and(
    eq(alerts.tenantId, ctx.tenantId),
    eq(alerts.status, "resolved"),
    gte(
      alerts.resolvedAt,
      sql`${now.toISOString()}::timestamptz - make_interval(days => ${FALSE_ALARM_WINDOW_DAYS})`,
    ),
  );

const resolvedCount = sql<number>`count(*)::int`;
/** A false alarm is an alert resolved as `false_alarm` or `duplicate`. */
const falseAlarmCount = sql<number>`count(*) filter (where ${alerts.resolution} in ('false_alarm', 'duplicate'))::int`;

/**
 * Share of the site's alerts resolved in the last 30 days that were false alarms or
 * duplicates, among those the actor may see (`visible`, from alertVisibility).
 */
export async function siteFalseAlarmRate(
  ctx: ServiceCtx,
  siteId: string,
  visible: SQL | undefined,
  now: Date,
) {
  const [r] = await ctx.db
    .select({ resolved: resolvedCount, falseAlarms: falseAlarmCount })
    .from(alerts)
    .where(and(resolvedInWindow(ctx, now), eq(alerts.siteId, siteId), visible));
  const resolved = r?.resolved ?? 0;
  return {
    resolved,
    falseAlarms: r?.falseAlarms ?? 0,
    rate: resolved ? (r?.falseAlarms ?? 0) / resolved : null,
  };
}

/**
 * The sites with the highest false-alarm rate over the last 30 days, among the alerts the
 * actor may see (specialists: their groups'). Only sites with at least
 * FALSE_ALARM_MIN_RESOLVED resolved alerts are ranked: 1 of 1 is no rate. One aggregate over
 * the window, then the few ranked sites joined to their names.
 */
export async function falseAlarmRatesBySite(
  ctx: ServiceCtx,
  { limit }: { limit: number },
  now: Date,
) {
  const visible = await alertVisibility(ctx);
  const bySite = ctx.db
    .select({
      siteId: alerts.siteId,
      resolved: resolvedCount.as("resolved"),
      falseAlarms: falseAlarmCount.as("false_alarms"),
    })
    .from(alerts)
    .where(and(resolvedInWindow(ctx, now), visible))
    .groupBy(alerts.siteId)
    .having(sql`count(*) >= ${FALSE_ALARM_MIN_RESOLVED}`)
    .as("by_site");
  const rate = sql<number>`${bySite.falseAlarms}::float8 / ${bySite.resolved}`;
  return ctx.db
    .select({
      siteId: sites.id,
      siteName: sites.name,
      clientName: clients.name,
      resolved: bySite.resolved,
      falseAlarms: bySite.falseAlarms,
      rate: rate.mapWith(Number),
    })
    .from(bySite)
    .innerJoin(sites, and(eq(sites.id, bySite.siteId), eq(sites.tenantId, ctx.tenantId)))
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .orderBy(desc(rate), desc(bySite.falseAlarms), asc(sites.name), asc(sites.id))
    .limit(limit);
}
