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

/** The page's charts, over the tenant's eligible clients in the actor's scope (30 days). */
export async function slaCharts(ctx: ServiceCtx, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const tiers = JSON.stringify(tiersWith("slaBreachPrevention"));
  const eligible = sql`tickets.client_id in (select id from clients where tenant_id = ${ctx.tenantId}
    and tier in (select jsonb_array_elements_text(${tiers}::jsonb)::tier))`;
  const [distribution, daily, perClient, escalations, calibration, lastRun, counts] =
    await Promise.all([
      rawRows<{ bin: number; n: number }>(
        ctx.db,
        sql`
      select least(floor(coalesce(breach_probability, 0) * 10), 9)::int as bin, count(*)::int as n
      from tickets where tenant_id = ${ctx.tenantId}
        and status in ${OPEN_TICKET_STATUS_LIST} and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
      ),
      rawRows<{ day: string; breaches: number; resolved: number; metPct: number | null }>(
        ctx.db,
        sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      )
      select to_char(days.day, 'YYYY-MM-DD') as day,
        count(tickets.id) filter (where tickets.resolution_breached)::int as breaches,
        count(tickets.id)::int as resolved,
        round(100.0 * count(tickets.id) filter (where not tickets.resolution_breached) / nullif(count(tickets.id), 0), 1)::float8 as "metPct"
      from days left join tickets on tickets.tenant_id = ${ctx.tenantId}
        and tickets.resolved_at >= days.day and tickets.resolved_at < days.day + interval '1 day'
        and ${eligible} ${scopeSql(ctx)}
      group by days.day order by days.day`,
      ),
      rawRows<{ client: string; resolved: number; metPct: number; target: number | null }>(
        ctx.db,
        sql`
      select c.name as client, count(*)::int as resolved,
        round(100.0 * count(*) filter (where not tickets.resolution_breached) / count(*), 1)::float8 as "metPct",
        (c.contract_targets->>'slaMetPct')::float8 as target
      from tickets join clients c on c.id = tickets.client_id
      where tickets.tenant_id = ${ctx.tenantId} and tickets.resolved_at > ${at} - interval '30 days'
        and ${eligible} ${scopeSql(ctx)}
      group by c.name, c.contract_targets order by 3 asc, 1`,
      ),
      rawRows<{ day: string; n: number }>(
        ctx.db,
        sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      )
      select to_char(days.day, 'YYYY-MM-DD') as day, count(e.id)::int as n
      from days left join ticket_escalations e on e.tenant_id = ${ctx.tenantId}
        and e.at >= days.day and e.at < days.day + interval '1 day'
        and e.ticket_id in (select id from tickets where tenant_id = ${ctx.tenantId} and ${eligible} ${scopeSql(ctx)})
      group by days.day order by days.day`,
      ),
      // calibration: predictions of the last 30 days (each change of a ticket's probability)
      // for tickets since resolved, by band
      rawRows<{ band: number; n: number; predicted: number; actual: number }>(
        ctx.db,
        sql`
      select least(floor(p.probability * 10), 9)::int as band, count(*)::int as n,
        avg(p.probability)::float8 as predicted,
        avg(case when tickets.resolution_breached then 1 else 0 end)::float8 as actual
      from ticket_predictions p join tickets on tickets.id = p.ticket_id
      where p.tenant_id = ${ctx.tenantId} and p.run_at > ${at} - interval '30 days'
        and tickets.resolved_at is not null and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
      ),
      ctx.db
        .select()
        .from(slaPredictionRuns)
        .where(eq(slaPredictionRuns.tenantId, ctx.tenantId))
        .orderBy(desc(slaPredictionRuns.runAt))
        .limit(1),
      slaCounts(ctx, now),
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
    lastRun: lastRun[0] ?? null,
    counts,
  };
}
