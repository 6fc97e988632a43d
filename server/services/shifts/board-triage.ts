import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { ATTENTION_STATES, stateCounts, type ShiftState } from "@/lib/shifts";
import type { ServiceCtx } from "../_core/context";
import { NO_LOAD, type SiteLoad } from "./board-order";
import { rowState, STATE_COLUMNS, type StateColumns } from "./board-rows";
import { rawRows } from "@/server/db/raw";
import { uuidIn } from "@/server/db/sql-literals";

/**
 * `day`: each of these sites' local today at `now`, as instants (`from_at`, `to_at`).
 * Materialised, so the zone arithmetic runs once per site rather than once per shift compared.
 */
export function siteToday(siteIds: readonly string[], now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`with day as materialized (
    select s.id, ((${at} at time zone s.time_zone)::date)::timestamp at time zone s.time_zone as from_at,
      ((${at} at time zone s.time_zone)::date + 1)::timestamp at time zone s.time_zone as to_at
    from sites s where s.id in ${uuidIn(siteIds)})`;
}

/**
 * `sh`: the shifts of each `day` site's today, every one overlapping it (last night's still
 * running too). One range of shifts_site_id_starts_at_idx per site: `offset 0` keeps the planner
 * from flattening it into a hash join over the tenant's whole 14-day schedule (EXPLAIN on the
 * large data: 984 sites, 141k shifts → 13k rows, ~150 ms against ~330 ms for the hash join).
 */
export const todayShifts = (tenantId: string) => sql`cross join lateral (
  select * from shifts sh where sh.tenant_id = ${tenantId} and sh.site_id = day.id
    and sh.starts_at >= day.from_at - interval '1 day' and sh.starts_at < day.to_at
    and sh.ends_at > day.from_at and sh.status = 'scheduled'
  offset 0) sh`;

export type BoardSummary = {
  /** shifts today across every site in scope, by state */
  total: number;
  open: number;
  counts: Partial<Record<ShiftState, number>>;
};

/**
 * Today at every site in scope, light: each shift's state (the same rule the rows use) counted
 * per site, and each site's tour rounds and missed checkpoints. Reads a few columns per shift,
 * so the board can rank hundreds of sites and then read the full rows of one page only.
 */
export async function triageToday(
  ctx: ServiceCtx,
  siteIds: readonly string[],
  now: Date,
): Promise<{ load: Map<string, SiteLoad>; summary: BoardSummary }> {
  const load = new Map<string, SiteLoad>();
  if (!siteIds.length) return { load, summary: { total: 0, open: 0, counts: {} } };
  const day = siteToday(siteIds, now);
  const [shifts, rounds] = await Promise.all([
    rawRows<StateColumns & { siteId: string; guardId: string | null }>(
      ctx.db,
      sql`${day}
      select sh.site_id as "siteId", sh.guard_id as "guardId", ${STATE_COLUMNS}
      from day ${todayShifts(ctx.tenantId)}`,
    ),
    rawRows<{ siteId: string; rounds: number; missed: number }>(
      ctx.db,
      sql`${day}
      select r.site_id as "siteId", count(distinct r.id)::int as rounds, count(f.id)::int as missed
      from day
      join tour_runs r on r.tenant_id = ${ctx.tenantId} and r.site_id = day.id and not r.cancelled
        and r.starts_at >= day.from_at and r.starts_at < day.to_at
      left join shift_findings f on f.tour_run_id = r.id
      group by r.site_id`,
    ),
  ]);
  const states = shifts.map((r) => ({
    siteId: r.siteId,
    guardId: r.guardId,
    state: rowState(r, now),
  }));
  const at = (id: string) => {
    const l = load.get(id) ?? { ...NO_LOAD };
    load.set(id, l);
    return l;
  };
  for (const s of states) {
    const l = at(s.siteId);
    l.shifts++;
    if (ATTENTION_STATES.includes(s.state)) l.attention++;
  }
  for (const r of rounds) Object.assign(at(r.siteId), { rounds: r.rounds, missed: r.missed });
  const { counts, open, total } = stateCounts(states);
  return { load, summary: { total, open, counts: Object.fromEntries(counts) } };
}
