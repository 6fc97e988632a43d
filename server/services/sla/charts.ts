import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";
import type { ServiceCtx } from "../_core/context";
import { siteScopeFilter } from "../_core/scope";
import { slaCounts } from "./queries";

const { tickets, slaPredictionRuns } = schema;

/** Clients the compliance chart draws: the worst this many; the rest are counted, not drawn. */
export const PER_CLIENT_SHOWN = 12;

const scopeSql = (ctx: ServiceCtx) => {
  const f = siteScopeFilter(ctx, tickets.siteId);
  return f ? sql`and ${f}` : sql``;
};

/** The page's 30 days' charts, over the tenant's eligible clients in the actor's scope (30 days). */
export async function slaCharts(ctx: ServiceCtx, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const tiers = JSON.stringify(tiersWith("slaBreachPrevention"));
  const eligible = sql`tickets.client_id in (select id from clients where tenant_id = ${ctx.tenantId}
    and tier in (select jsonb_array_elements_text(${tiers}::jsonb)::tier))`;
  const [distribution, daily, perClient, escalations, calibration] = await Promise.all([
    rawRows<{ bin: number; n: number }>(
      ctx.db,
      sql`
      select least(floor(coalesce(breach_probability, 0) * 10), 9)::int as bin, count(*)::int as n
      from tickets where tenant_id = ${ctx.tenantId}
        and status in ${OPEN_TICKET_STATUS_LIST} and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
    ),
    // one pass over the tickets resolved in the 30 days (an index-only range scan), counted
    // per day of the session's time zone, then laid on the days (those without any: zero)
    rawRows<{ day: string; breaches: number; resolved: number; metPct: number | null }>(
      ctx.db,
      sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      ), per_day as (
        select date_trunc('day', tickets.resolved_at) as day,
          count(*) filter (where tickets.resolution_breached)::int as breaches,
          count(*) filter (where not tickets.resolution_breached)::int as met,
          count(*)::int as resolved
        from tickets where tickets.tenant_id = ${ctx.tenantId}
          and tickets.resolved_at >= date_trunc('day', ${at}) - interval '29 days'
          and tickets.resolved_at < date_trunc('day', ${at}) + interval '1 day'
          and ${eligible} ${scopeSql(ctx)}
        group by 1
      )
      select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(per_day.breaches, 0) as breaches,
        coalesce(per_day.resolved, 0) as resolved,
        round(100.0 * per_day.met / nullif(per_day.resolved, 0), 1)::float8 as "metPct"
      from days left join per_day on per_day.day = days.day
      order by days.day`,
    ),
    // counted per client first (client names are unique in a tenant), then named
    rawRows<{ client: string; resolved: number; metPct: number; target: number | null }>(
      ctx.db,
      sql`
      select c.name as client, r.resolved,
        round(100.0 * r.met / r.resolved, 1)::float8 as "metPct",
        (c.contract_targets->>'slaMetPct')::float8 as target
      from (
        select tickets.client_id, count(*)::int as resolved,
          count(*) filter (where not tickets.resolution_breached)::int as met
        from tickets
        where tickets.tenant_id = ${ctx.tenantId} and tickets.resolved_at > ${at} - interval '30 days'
          and ${eligible} ${scopeSql(ctx)}
        group by 1
      ) r join clients c on c.id = r.client_id
      order by 3 asc, 1`,
    ),
    // the escalations of the 30 days, each joined to its own ticket (not a list of every
    // ticket of the tenant), counted per day
    rawRows<{ day: string; n: number }>(
      ctx.db,
      sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      ), per_day as (
        select date_trunc('day', e.at) as day, count(*)::int as n
        from ticket_escalations e join tickets on tickets.id = e.ticket_id
        where e.tenant_id = ${ctx.tenantId}
          and e.at >= date_trunc('day', ${at}) - interval '29 days'
          and e.at < date_trunc('day', ${at}) + interval '1 day'
          and tickets.tenant_id = ${ctx.tenantId} and ${eligible} ${scopeSql(ctx)}
        group by 1
      )
      select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(per_day.n, 0) as n
      from days left join per_day on per_day.day = days.day
      order by days.day`,
    ),
    // calibration: predictions of the last 30 days (each change of a ticket's probability)
    // for tickets since resolved, by band. A ticket is scored only while open and reopening
    // clears resolved_at, so a resolved ticket with a prediction in the window was resolved
    // in it too: the bound lets the tickets side be an index-only range scan of the window
    // rather than every resolved ticket in history.
    rawRows<{ band: number; n: number; predicted: number; actual: number }>(
      ctx.db,
      sql`
      select least(floor(p.probability * 10), 9)::int as band, count(*)::int as n,
        avg(p.probability)::float8 as predicted,
        avg(case when tickets.resolution_breached then 1 else 0 end)::float8 as actual
      from ticket_predictions p join tickets on tickets.id = p.ticket_id
      where p.tenant_id = ${ctx.tenantId} and p.run_at > ${at} - interval '30 days'
        and tickets.tenant_id = ${ctx.tenantId} and tickets.resolved_at > ${at} - interval '30 days'
        and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
    ),
  ]);
  const rest = perClient.slice(PER_CLIENT_SHOWN);
  return {
    distribution,
    daily,
    // worst first; a large tenant has hundreds of clients, too many bars to read
    perClient: perClient.slice(0, PER_CLIENT_SHOWN),
    perClientMore: {
      clients: rest.length,
      belowTarget: rest.filter((r) => r.target !== null && r.metPct < r.target).length,
    },
    escalations,
    calibration,
  };
}

/**
 * The page's header: the last prediction run and the viewer's open tickets counted (scored, at
 * risk, breached). Cheap (the open-ticket partial indexes), so the page renders it at once;
 * the 30 days' charts above take seconds on a large tenant and load after the page.
 */
export async function slaSummary(ctx: ServiceCtx, now: Date) {
  const [lastRun, counts] = await Promise.all([
    ctx.db
      .select()
      .from(slaPredictionRuns)
      .where(eq(slaPredictionRuns.tenantId, ctx.tenantId))
      .orderBy(desc(slaPredictionRuns.runAt))
      .limit(1),
    slaCounts(ctx, now),
  ]);
  return { lastRun: lastRun[0] ?? null, counts };
}
