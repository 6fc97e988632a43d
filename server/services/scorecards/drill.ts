import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { SLA_RULES } from "@/lib/sla";
import { KPI_DEFS, type KpiKey } from "@/lib/scorecards";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { requireActorCan } from "../_core/scope";
import { deviceDrillQuery } from "./devices-source";
import { getClientInScope } from "./generate";
import { monthBounds } from "./kpis";
import { shiftDrillQuery } from "./shifts-source";

export type DrillRow = {
  id: string;
  ref: string;
  title: string;
  site: string;
  at: string | null;
  detail: string;
  /** whether the row counts against the KPI (a breach, a late order) */
  flagged: boolean;
};

/** The most rows a drill-down returns; the page says when there are more. */
export const DRILL_LIMIT = 1000;

type W = { t: string; c: string; start: string; end: string };

const ticketRows = (w: W, where: SQL, detail: SQL, flagged: SQL) => sql`
  select t.id, '#' || t.number as ref, t.title, s.name as site, t.resolved_at as at,
    ${detail} as detail, ${flagged} as flagged
  from tickets t join sites s on s.id = t.site_id
  where t.tenant_id = ${w.t} and t.client_id = ${w.c} and ${where}
  order by at desc nulls last, t.number desc`;

const alertRows = (w: W, where: SQL, detail: SQL, flagged: SQL) => sql`
  select a.id, a.type::text as ref, a.title, s.name as site, a.first_seen_at as at,
    ${detail} as detail, ${flagged} as flagged
  from alerts a join sites s on s.id = a.site_id
  where a.tenant_id = ${w.t} and a.client_id = ${w.c} and ${where}
  order by a.first_seen_at desc, a.id`;

const orderRows = (w: W, where: SQL, at: SQL, detail: SQL, flagged: SQL) => sql`
  select w.id, 'WO-' || w.number as ref, w.title, s.name as site, ${at} as at,
    ${detail} as detail, ${flagged} as flagged
  from work_orders w join sites s on s.id = w.site_id left join vendors v on v.id = w.vendor_id
  where w.tenant_id = ${w.t} and w.client_id = ${w.c} and ${where}
  order by at desc nulls last, w.number desc`;

/** The records behind each KPI, with the same filters as its source (sources.ts). */
function drillQuery(key: KpiKey, w: W): SQL | null {
  const s = sql`${w.start}::timestamptz`;
  const e = sql`${w.end}::timestamptz`;
  switch (key) {
    case "attendance_pct":
    case "tour_coverage_pct":
      return shiftDrillQuery(key, w);
    case "device_uptime_pct":
      return deviceDrillQuery(w);
    case "sla_met_pct":
      return ticketRows(
        w,
        sql`t.resolved_at >= ${s} and t.resolved_at < ${e}`,
        sql`case when t.resolution_breached then 'breached' else 'within SLA' end`,
        sql`t.resolution_breached`,
      );
    case "helpdesk_sentiment":
      return sql`
        select c.id, '#' || t.number as ref, left(c.body, 140) as title, s.name as site,
          c.created_at as at, 'sentiment ' || round(c.sentiment::numeric, 2) as detail,
          c.sentiment < 0 as flagged
        from ticket_comments c join tickets t on t.id = c.ticket_id join sites s on s.id = t.site_id
        where c.tenant_id = ${w.t} and t.client_id = ${w.c} and c.from_requester
          and c.created_at >= ${s} and c.created_at < ${e}
        order by c.created_at desc, c.id`;
    case "sla_at_risk_peak":
    case "sla_at_risk_month_end": {
      const pick =
        key === "sla_at_risk_peak"
          ? sql`order by count(*) filter (where p.probability >= ${SLA_RULES.alertAt}) desc, p.run_at desc`
          : sql`order by p.run_at desc`;
      return sql`
        with run as (
          select p.run_at from ticket_predictions p join tickets t on t.id = p.ticket_id
          where p.tenant_id = ${w.t} and t.client_id = ${w.c} and p.run_at >= ${s} and p.run_at < ${e}
          group by p.run_at ${pick} limit 1)
        select t.id, '#' || t.number as ref, t.title, s.name as site, p.run_at as at,
          'breach probability ' || round(p.probability::numeric * 100) || ' %' as detail, true as flagged
        from ticket_predictions p join run on run.run_at = p.run_at
          join tickets t on t.id = p.ticket_id join sites s on s.id = t.site_id
        where p.tenant_id = ${w.t} and t.client_id = ${w.c} and p.probability >= ${SLA_RULES.alertAt}
        order by p.probability desc, t.number`;
    }
    case "noc_auto_resolution_pct":
      return alertRows(
        w,
        sql`a.resolved_at >= ${s} and a.resolved_at < ${e}`,
        sql`coalesce(a.resolution::text, '')`,
        sql`a.resolution = 'auto'`,
      );
    case "incident_response_minutes":
      return alertRows(
        w,
        sql`a.severity in ('critical', 'high') and a.first_seen_at >= ${s} and a.first_seen_at < ${e}`,
        sql`coalesce(round(extract(epoch from a.acknowledged_at - a.first_seen_at)::numeric / 60, 1) || ' min to acknowledge', 'not acknowledged')`,
        sql`a.acknowledged_at is null`,
      );
    case "geofence_violations":
      return alertRows(
        w,
        sql`a.type in ('GEOFENCE_VIOLATION', 'SHIFT_WRONG_SITE') and a.first_seen_at >= ${s} and a.first_seen_at < ${e}`,
        sql`a.severity::text`,
        sql`true`,
      );
    case "critical_security_events":
      return alertRows(
        w,
        sql`a.severity = 'critical' and a.type in ('SECURITY_BREACH', 'INTRUSION', 'FIRE_ALARM', 'PANIC') and a.first_seen_at >= ${s} and a.first_seen_at < ${e}`,
        sql`a.status::text`,
        sql`true`,
      );
    case "wo_backlog_open":
    case "wo_backlog_median_age_days":
      return orderRows(
        w,
        sql`w.created_at < ${e} and w.status <> 'cancelled' and (w.completed_at is null or w.completed_at >= ${e})`,
        sql`w.created_at`,
        sql`round(extract(epoch from ${e} - w.created_at)::numeric / 86400, 1) || ' days old at month end'`,
        sql`false`,
      );
    case "vendor_score_avg":
    case "wo_completed_late":
      return orderRows(
        w,
        sql`w.completed_at >= ${s} and w.completed_at < ${e}${key === "wo_completed_late" ? sql` and w.due_at is not null and w.completed_at > w.due_at` : sql``}`,
        sql`w.completed_at`,
        sql`coalesce(v.name, 'no vendor') || case when w.completed_at > w.due_at then ' · late' else '' end`,
        sql`coalesce(w.completed_at > w.due_at, false)`,
      );
    default:
      return null;
  }
}

/**
 * The records behind one KPI of a client's month, live from the tables; the page shows their
 * count next to the rows, so the two always agree.
 */
export async function drillDown(
  ctx: ServiceCtx,
  input: { clientId: string; month: string; kpi: KpiKey },
): Promise<{ kpi: KpiKey; records: string; rows: DrillRow[]; truncated: boolean }> {
  requireActorCan(ctx, "scorecard.view");
  const client = await getClientInScope(ctx, input.clientId);
  const { start, end } = monthBounds(input.month);
  const q = drillQuery(input.kpi, { t: ctx.tenantId, c: client.id, start, end });
  const records = KPI_DEFS[input.kpi].records;
  if (!q) return { kpi: input.kpi, records, rows: [], truncated: false };
  const raw = await rawRows(ctx.db, sql`${q} limit ${DRILL_LIMIT + 1}`);
  const rows = raw.slice(0, DRILL_LIMIT).map((r) => ({
    id: String(r.id),
    ref: String(r.ref),
    title: String(r.title),
    site: String(r.site),
    at: r.at == null ? null : new Date(String(r.at)).toISOString(),
    detail: String(r.detail ?? ""),
    flagged: r.flagged === true,
  }));
  return { kpi: input.kpi, records, rows, truncated: raw.length > DRILL_LIMIT };
}
