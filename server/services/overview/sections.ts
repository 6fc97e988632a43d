import "server-only";
import { and, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { SEVERITIES, type Severity } from "@/lib/noc";
import { OPEN_WORK_ORDER_STATUSES } from "@/lib/work-orders";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { siteScopeFilter } from "../_core/scope";
import { alertVisibility } from "../noc/access";
import { overdueToAcknowledge } from "../noc/overdue";

const { alerts, workOrders } = schema;

/**
 * The NOC queue's state as the viewer's queue shows it (open, not held by a maintenance window,
 * only their groups' for specialists): open by severity, not yet acknowledged, past the
 * severity's response target without acknowledgement, escalated. One pass over the open
 * alerts (the queue's partial index).
 */
export async function alertSection(ctx: ServiceCtx, now: Date) {
  const rows = await ctx.db
    .select({
      severity: alerts.severity,
      open: sql<number>`count(*)::int`,
      unacknowledged: sql<number>`(count(*) filter (where ${alerts.status} = 'new'))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueToAcknowledge(now)}))::int`,
      escalated: sql<number>`(count(*) filter (where ${alerts.escalated}))::int`,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, ctx.tenantId),
        ne(alerts.status, "resolved"),
        isNull(alerts.suppressedByWindowId),
        await alertVisibility(ctx),
      ),
    )
    .groupBy(alerts.severity);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const total = { open: 0, unacknowledged: 0, overdue: 0, escalated: 0 };
  for (const r of rows) {
    bySeverity[r.severity] = r.open;
    total.open += r.open;
    total.unacknowledged += r.unacknowledged;
    total.overdue += r.overdue;
    total.escalated += r.escalated;
  }
  return { ...total, bySeverity };
}

/** Open work orders at the viewer's sites, and those past their due time. */
export async function workOrderSection(ctx: ServiceCtx, now: Date) {
  const [row] = await ctx.db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${lt(workOrders.dueAt, now)}))::int`,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.tenantId, ctx.tenantId),
        inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]),
        siteScopeFilter(ctx, workOrders.siteId),
      ),
    );
  return row ?? { open: 0, overdue: 0 };
}

/**
 * Shifts of the last 24 hours at the viewer's sites: guards on duty now (checked in, not out),
 * shifts with a late check-in, and no-shows (the detector's findings).
 */
export async function shiftSection(ctx: ServiceCtx, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const scope = siteScopeFilter(ctx, schema.sites.id);
  const [row] = await rawRows<{ onDuty: number; late: number; noShows: number; total: number }>(
    ctx.db,
    sql`
    select count(*)::int as total,
      (count(*) filter (where sh.checked_in_at is not null and sh.checked_out_at is null
        and sh.ends_at > ${at} and sh.status <> 'cancelled'))::int as "onDuty",
      (count(*) filter (where exists (select 1 from shift_findings f where f.shift_id = sh.id and f.kind = 'LATE')))::int as late,
      (count(*) filter (where exists (select 1 from shift_findings f where f.shift_id = sh.id and f.kind = 'NO_SHOW')))::int as "noShows"
    from ${schema.sites} join shifts sh on sh.site_id = ${schema.sites.id}
    where ${schema.sites.tenantId} = ${ctx.tenantId} ${scope ? sql`and ${scope}` : sql``}
      and sh.starts_at > ${at} - interval '24 hours' and sh.starts_at <= ${at} + interval '12 hours'
      and sh.status <> 'cancelled'`,
  );
  return row ?? { total: 0, onDuty: 0, late: 0, noShows: 0 };
}
