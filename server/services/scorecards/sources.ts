import "server-only";
import { sql } from "drizzle-orm";
import { SLA_RULES } from "@/lib/sla";
import type { VendorRank } from "@/lib/scorecards";
import { componentScores, overallScore } from "../vendors/score";
import { countMeasure, pctMeasure, sentimentScore, topBottom, type KpiMeasure } from "./kpis";
import { devicesSource } from "./devices-source";
import { shiftsSource } from "./shifts-source";
import {
  byClient,
  num,
  rowsOf,
  topDriver,
  uuids,
  type KpiSource,
  type Measures,
} from "./source-kit";

export type { KpiSource, Measures, SourceInput } from "./source-kit";

const ticketsSource: KpiSource = {
  id: "tickets",
  keys: ["sla_met_pct", "helpdesk_sentiment", "sla_at_risk_peak", "sla_at_risk_month_end"],
  async measure(db, { tenantId, clientIds, start, end }) {
    const ids = uuids(clientIds);
    const [resolved, comments, risk] = await Promise.all([
      // tickets resolved in the month, per site: met = resolved without a resolution breach
      rowsOf(
        db,
        sql`select t.client_id, s.name as label, count(*)::int as total,
          count(*) filter (where t.resolution_breached)::int as n
        from tickets t join sites s on s.id = t.site_id
        where t.tenant_id = ${tenantId} and t.client_id = any(${ids}::uuid[])
          and t.resolved_at >= ${start}::timestamptz and t.resolved_at < ${end}::timestamptz
        group by 1, 2`,
      ),
      // requesters' comments: their sentiment was scored by the sentiment library when written
      rowsOf(
        db,
        sql`select t.client_id, count(*)::int as n, avg(c.sentiment)::float8 as mean
        from ticket_comments c join tickets t on t.id = c.ticket_id
        where c.tenant_id = ${tenantId} and t.client_id = any(${ids}::uuid[]) and c.from_requester
          and c.created_at >= ${start}::timestamptz and c.created_at < ${end}::timestamptz
        group by 1`,
      ),
      // at-risk tickets per prediction run: the peak, and the month's last run
      rowsOf(
        db,
        sql`with runs as (
          select t.client_id, p.run_at,
            count(*) filter (where p.probability >= ${SLA_RULES.alertAt})::int as n
          from ticket_predictions p join tickets t on t.id = p.ticket_id
          where p.tenant_id = ${tenantId} and t.client_id = any(${ids}::uuid[])
            and p.run_at >= ${start}::timestamptz and p.run_at < ${end}::timestamptz
          group by 1, 2)
        select client_id, max(n)::int as peak, count(*)::int as runs,
          (array_agg(n order by run_at desc))[1]::int as last
        from runs group by 1`,
      ),
    ]);
    const res = byClient(resolved);
    const com = new Map(comments.map((r) => [String(r.client_id), r]));
    const rk = new Map(risk.map((r) => [String(r.client_id), r]));
    return new Map(
      clientIds.map((c) => {
        const sites = res.get(c) ?? [];
        const total = sites.reduce((a, r) => a + num(r.total), 0);
        const breached = sites.reduce((a, r) => a + num(r.n), 0);
        const cm = com.get(c);
        const r = rk.get(c);
        const noRuns: KpiMeasure = { status: "no_data", note: "no SLA predictions this month" };
        const m: Measures = {
          sla_met_pct: pctMeasure(
            total - breached,
            total,
            "no tickets resolved",
            { breached },
            topDriver(sites, "breaches"),
          ),
          helpdesk_sentiment: cm
            ? {
                status: "ok",
                value: sentimentScore(num(cm.mean)),
                inputs: { comments: num(cm.n) },
              }
            : { status: "no_data", note: "no comments from requesters", inputs: { comments: 0 } },
          sla_at_risk_peak: r ? countMeasure(num(r.peak), { runs: num(r.runs) }) : noRuns,
          sla_at_risk_month_end: r ? countMeasure(num(r.last), { runs: num(r.runs) }) : noRuns,
        };
        return [c, m];
      }),
    );
  },
};

const SECURITY_TYPES = "{SECURITY_BREACH,INTRUSION,FIRE_ALARM,PANIC}";
const GEOFENCE_TYPES = "{GEOFENCE_VIOLATION,SHIFT_WRONG_SITE}";

const alertsSource: KpiSource = {
  id: "alerts",
  keys: [
    "noc_auto_resolution_pct",
    "incident_response_minutes",
    "geofence_violations",
    "critical_security_events",
  ],
  async measure(db, { tenantId, clientIds, start, end }) {
    const ids = uuids(clientIds);
    const [perSite, response] = await Promise.all([
      rowsOf(
        db,
        sql`select a.client_id, s.name as label,
          count(*) filter (where a.resolved_at >= ${start}::timestamptz and a.resolved_at < ${end}::timestamptz)::int as resolved,
          count(*) filter (where a.resolution = 'auto' and a.resolved_at >= ${start}::timestamptz and a.resolved_at < ${end}::timestamptz)::int as auto,
          count(*) filter (where a.type = any(${GEOFENCE_TYPES}::alert_type[]) and a.first_seen_at >= ${start}::timestamptz)::int as geofence,
          count(*) filter (where a.severity = 'critical' and a.type = any(${SECURITY_TYPES}::alert_type[]) and a.first_seen_at >= ${start}::timestamptz)::int as security
        from alerts a join sites s on s.id = a.site_id
        where a.tenant_id = ${tenantId} and a.client_id = any(${ids}::uuid[])
          and a.first_seen_at < ${end}::timestamptz
          and (a.first_seen_at >= ${start}::timestamptz or a.resolved_at >= ${start}::timestamptz)
        group by 1, 2`,
      ),
      // median minutes to acknowledge critical and high alerts raised in the month
      rowsOf(
        db,
        sql`select a.client_id, count(a.acknowledged_at)::int as acked, count(*)::int as raised,
          (percentile_cont(0.5) within group (order by extract(epoch from a.acknowledged_at - a.first_seen_at) / 60))::float8 as median
        from alerts a
        where a.tenant_id = ${tenantId} and a.client_id = any(${ids}::uuid[])
          and a.severity in ('critical', 'high')
          and a.first_seen_at >= ${start}::timestamptz and a.first_seen_at < ${end}::timestamptz
        group by 1`,
      ),
    ]);
    const sites = byClient(perSite);
    const resp = new Map(response.map((r) => [String(r.client_id), r]));
    return new Map(
      clientIds.map((c) => {
        const rows = sites.get(c) ?? [];
        const sum = (k: string) => rows.reduce((a, r) => a + num(r[k]), 0);
        const pick = (k: string) => rows.map((r) => ({ label: r.label, n: r[k] }));
        const r = resp.get(c);
        const m: Measures = {
          noc_auto_resolution_pct: pctMeasure(sum("auto"), sum("resolved"), "no alerts resolved"),
          incident_response_minutes:
            r && num(r.acked) > 0
              ? {
                  status: "ok",
                  value: Math.round(num(r.median) * 10) / 10,
                  inputs: { acknowledged: num(r.acked), raised: num(r.raised) },
                }
              : {
                  status: "no_data",
                  note: "no critical or high alerts acknowledged",
                  inputs: { raised: num(r?.raised) },
                },
          geofence_violations: countMeasure(
            sum("geofence"),
            {},
            topDriver(pick("geofence"), "violations"),
          ),
          critical_security_events: countMeasure(
            sum("security"),
            {},
            topDriver(pick("security"), "critical events"),
          ),
        };
        return [c, m];
      }),
    );
  },
};

const workOrdersSource: KpiSource = {
  id: "work_orders",
  keys: ["wo_backlog_open", "wo_backlog_median_age_days", "vendor_score_avg", "wo_completed_late"],
  async measure(db, { tenantId, clientIds, start, end }) {
    const ids = uuids(clientIds);
    const [backlog, vendors] = await Promise.all([
      // open at month end: raised before it, not completed by then, not cancelled
      rowsOf(
        db,
        sql`select w.client_id, count(*)::int as open,
          (percentile_cont(0.5) within group (order by extract(epoch from ${end}::timestamptz - w.created_at) / 86400))::float8 as median
        from work_orders w
        where w.tenant_id = ${tenantId} and w.client_id = any(${ids}::uuid[])
          and w.created_at < ${end}::timestamptz and w.status <> 'cancelled'
          and (w.completed_at is null or w.completed_at >= ${end}::timestamptz)
        group by 1`,
      ),
      // each vendor's orders for the client completed in the month, as the vendor score reads them
      rowsOf(
        db,
        sql`select w.client_id, w.vendor_id, v.name as label, count(*)::int as orders,
          count(*) filter (where w.due_at is not null)::int as "dueOrders",
          count(*) filter (where w.due_at is not null and w.completed_at <= w.due_at)::int as "onTime",
          count(*) filter (where w.due_at is not null and w.completed_at > w.due_at)::int as n,
          count(*) filter (where w.estimate_hours > 0 and w.started_at is not null)::int as "timedOrders",
          coalesce(sum(100 * least(1, w.estimate_hours /
            greatest(extract(epoch from w.completed_at - w.started_at) / 3600, 0.01)))
            filter (where w.estimate_hours > 0 and w.started_at is not null), 0)::float8 as "timePerfSum",
          coalesce(sum(w.rating), 0)::int as "ratingSum", count(w.rating)::int as "ratedOrders",
          count(*) filter (where w.rework)::int as reworked
        from work_orders w join vendors v on v.id = w.vendor_id
        where w.tenant_id = ${tenantId} and w.client_id = any(${ids}::uuid[])
          and w.completed_at >= ${start}::timestamptz and w.completed_at < ${end}::timestamptz
        group by 1, 2, 3`,
      ),
    ]);
    const bl = new Map(backlog.map((r) => [String(r.client_id), r]));
    const vs = byClient(vendors);
    return new Map(
      clientIds.map((c) => {
        const b = bl.get(c);
        const rows = vs.get(c) ?? [];
        const ranks: VendorRank[] = rows.flatMap((r) => {
          const score = overallScore(
            componentScores({
              orders: num(r.orders),
              onTime: num(r.onTime),
              dueOrders: num(r.dueOrders),
              timePerfSum: num(r.timePerfSum),
              timedOrders: num(r.timedOrders),
              ratingSum: num(r.ratingSum),
              ratedOrders: num(r.ratedOrders),
              reworked: num(r.reworked),
            }),
          );
          return score == null
            ? []
            : [
                {
                  vendorId: String(r.vendor_id),
                  name: String(r.label),
                  score: Math.round(score * 10) / 10,
                  orders: num(r.orders),
                },
              ];
        });
        const late = rows.reduce((a, r) => a + num(r.n), 0);
        const mean = ranks.length ? ranks.reduce((a, v) => a + v.score, 0) / ranks.length : null;
        const m: Measures = {
          wo_backlog_open: countMeasure(num(b?.open)),
          wo_backlog_median_age_days: b
            ? {
                status: "ok",
                value: Math.round(num(b.median) * 10) / 10,
                inputs: { open: num(b.open) },
              }
            : { status: "no_data", note: "no open work orders", inputs: { open: 0 } },
          vendor_score_avg:
            mean == null
              ? { status: "no_data", note: "no work orders completed", inputs: { vendors: 0 } }
              : {
                  status: "ok",
                  value: Math.round(mean * 10) / 10,
                  inputs: { vendors: ranks.length },
                  details: topBottom(ranks),
                },
          wo_completed_late: countMeasure(
            late,
            { completed: rows.reduce((a, r) => a + num(r.orders), 0) },
            topDriver(rows, "late orders"),
          ),
        };
        return [c, m];
      }),
    );
  },
};

/** Every KPI has exactly one source; kpis.test-style check in sources.test.ts. */
export const SOURCES: readonly KpiSource[] = [
  shiftsSource,
  ticketsSource,
  workOrdersSource,
  alertsSource,
  devicesSource,
];
