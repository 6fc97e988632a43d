import { and, eq, gte, sql } from "drizzle-orm";
import { FALSE_ALARM_WINDOW_DAYS } from "@/lib/noc";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

const { alerts } = schema;

/** The tenant's alerts resolved in the last 30 days: the labels of the closed loop. */
const resolvedInWindow = (ctx: ServiceCtx) =>
  and(
    eq(alerts.tenantId, ctx.tenantId),
    eq(alerts.status, "resolved"),
    gte(alerts.resolvedAt, sql`now() - make_interval(days => ${FALSE_ALARM_WINDOW_DAYS})`),
  );

const resolvedCount = sql<number>`count(*)::int`;
/** A false alarm is an alert resolved as `false_alarm` or `duplicate`. */
const falseAlarmCount = sql<number>`count(*) filter (where ${alerts.resolution} in ('false_alarm', 'duplicate'))::int`;

/** Share of the site's alerts resolved in the last 30 days that were false alarms or duplicates. */
export async function siteFalseAlarmRate(ctx: ServiceCtx, siteId: string) {
  const [r] = await ctx.db
    .select({ resolved: resolvedCount, falseAlarms: falseAlarmCount })
    .from(alerts)
    .where(and(resolvedInWindow(ctx), eq(alerts.siteId, siteId)));
  const resolved = r?.resolved ?? 0;
  return {
    resolved,
    falseAlarms: r?.falseAlarms ?? 0,
    rate: resolved ? (r?.falseAlarms ?? 0) / resolved : null,
  };
}
