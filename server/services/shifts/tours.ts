import "server-only";
import { sql } from "drizzle-orm";
import type { ServiceCtx } from "../_core/context";
import { complianceSites } from "./sites";
import { rawRows } from "@/server/db/raw";

/**
 * Tour coverage over the last `days` (shifts.md, "Guard tours"): for each tour, of the
 * checkpoints scheduled in rounds whose windows have closed, the share scanned within their
 * window (a scan is only accepted inside it). Feeds the scorecard's tour coverage KPI
 * (`tourCoverageOf`). Silver and up.
 */
export async function tourCoverage(
  ctx: ServiceCtx,
  input: { siteId?: string; days: number },
  now: Date,
) {
  const sites = await complianceSites(ctx, input.siteId);
  const rows = await tourCoverageOf(
    ctx,
    sites.map((s) => s.id),
    new Date(now.getTime() - input.days * 86_400_000),
    now,
  );
  const names = new Map(sites.map((s) => [s.id, s.name]));
  return {
    days: input.days,
    tours: rows.map((r) => ({ ...r, siteName: names.get(r.siteId) ?? "" })),
  };
}

export type TourCoverageRow = {
  tourId: string;
  tourName: string;
  siteId: string;
  critical: boolean;
  rounds: number;
  scheduled: number;
  scanned: number;
  coveragePct: number | null;
};

/** Coverage per tour of these sites, over rounds that started in [from, to) and have closed by `to`. */
export async function tourCoverageOf(
  ctx: ServiceCtx,
  siteIds: string[],
  from: Date,
  to: Date,
): Promise<TourCoverageRow[]> {
  if (!siteIds.length) return [];
  const rows = await rawRows<Omit<TourCoverageRow, "coveragePct">>(
    ctx.db,
    sql`
    select t.id as "tourId", t.name as "tourName", t.site_id as "siteId", t.critical,
      count(distinct r.id)::int as rounds,
      count(c.id)::int as scheduled,
      count(x.id)::int as scanned
    from tours t
    join tour_runs r on r.tour_id = t.id and not r.cancelled
      and r.starts_at >= ${from.toISOString()}::timestamptz and r.starts_at < ${to.toISOString()}::timestamptz
    join tour_checkpoints c on c.tour_id = t.id and c.active and c.created_at <= r.starts_at
      and r.starts_at + make_interval(mins => c.tolerance_minutes) <= ${to.toISOString()}::timestamptz
    left join checkpoint_scans x on x.tour_run_id = r.id and x.checkpoint_id = c.id
    where t.tenant_id = ${ctx.tenantId}
      and t.site_id in (select jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb)::uuid)
    group by t.id
    order by t.name`,
  );
  return rows.map((r) => ({
    ...r,
    coveragePct: r.scheduled ? Math.round((1000 * r.scanned) / r.scheduled) / 10 : null,
  }));
}
