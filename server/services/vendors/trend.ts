import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { overallScore, scoreVendor, tenantMeans, type VendorAggregate } from "./score";
import { rawRows } from "@/server/db/raw";

const { vendors } = schema;

export const DEFAULT_TREND_MONTHS = 6;

type MonthRow = { month: string; vendor: VendorAggregate; tenant: VendorAggregate };

/** The sums `score.ts` works from, over the orders that match `only` (SQL for one month). */
function sums(prefix: string, only: SQL) {
  const timed = sql`w.estimate_hours > 0 and w.started_at is not null`;
  return sql`
      count(w.id) filter (where ${only})::int as ${sql.identifier(`${prefix}Orders`)},
      count(w.id) filter (where ${only} and w.due_at is not null)::int
        as ${sql.identifier(`${prefix}DueOrders`)},
      count(w.id) filter (where ${only} and w.due_at is not null and w.completed_at <= w.due_at)::int
        as ${sql.identifier(`${prefix}OnTime`)},
      count(w.id) filter (where ${only} and ${timed})::int as ${sql.identifier(`${prefix}TimedOrders`)},
      coalesce(sum(100 * least(1, w.estimate_hours /
        greatest(extract(epoch from w.completed_at - w.started_at) / 3600, 0.01)))
        filter (where ${only} and ${timed}), 0)::float8 as ${sql.identifier(`${prefix}TimePerfSum`)},
      coalesce(sum(w.rating) filter (where ${only}), 0)::int as ${sql.identifier(`${prefix}RatingSum`)},
      count(w.rating) filter (where ${only})::int as ${sql.identifier(`${prefix}RatedOrders`)},
      count(w.id) filter (where ${only} and w.rework)::int as ${sql.identifier(`${prefix}Reworked`)}`;
}

const pick = (r: Record<string, unknown>, prefix: string): VendorAggregate => ({
  orders: Number(r[`${prefix}Orders`]),
  dueOrders: Number(r[`${prefix}DueOrders`]),
  onTime: Number(r[`${prefix}OnTime`]),
  timedOrders: Number(r[`${prefix}TimedOrders`]),
  timePerfSum: Number(r[`${prefix}TimePerfSum`]),
  ratingSum: Number(r[`${prefix}RatingSum`]),
  ratedOrders: Number(r[`${prefix}RatedOrders`]),
  reworked: Number(r[`${prefix}Reworked`]),
});

/**
 * One vendor's score month by month (calendar months in UTC, the current one partial), from
 * its completed orders for silver-and-up clients. Each month is scored like the rankings:
 * the vendor's components pulled toward that month's tenant mean, so a month of two jobs
 * stays near the average. One aggregate query yields both the vendor's and the tenant's sums.
 */
export async function vendorTrend(
  ctx: ServiceCtx,
  input: { vendorId: string; months?: number },
  now: Date,
) {
  const months = input.months ?? DEFAULT_TREND_MONTHS;
  const at = now.toISOString();
  const [vendor] = await ctx.db
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.id, input.vendorId), eq(vendors.tenantId, ctx.tenantId)));
  if (!vendor) throw new NotFoundError("Vendor");

  const tiers = JSON.stringify(tiersWith("vendorPerformance"));
  const raw = await rawRows<Record<string, unknown>>(
    ctx.db,
    sql`
    with p as (
      select ${at}::timestamptz as now,
        date_trunc('month', ${at}::timestamptz at time zone 'UTC') as cur
    ), m as (
      select generate_series(p.cur - ${`${months - 1} months`}::interval, p.cur, '1 month') as month
      from p
    )
    select to_char(m.month, 'YYYY-MM') as month,
      ${sums("v", sql`w.vendor_id = ${vendor.id}`)},
      ${sums("t", sql`true`)}
    from m
    cross join p
    left join work_orders w
      on w.tenant_id = ${ctx.tenantId} and w.completed_at is not null
      and w.vendor_id is not null
      and w.completed_at >= m.month at time zone 'UTC'
      and w.completed_at < (m.month + interval '1 month') at time zone 'UTC'
      and w.completed_at <= p.now
      -- performance tracking is for clients on silver and up
      and w.client_id in (select id from clients where tenant_id = ${ctx.tenantId}
        and tier in (select jsonb_array_elements_text(${tiers}::jsonb)::tier))
    group by m.month
    order by m.month`,
  );

  const rows: MonthRow[] = raw.map((r) => ({
    month: String(r.month),
    vendor: pick(r, "v"),
    tenant: pick(r, "t"),
  }));
  return {
    vendorId: vendor.id,
    name: vendor.name,
    months: rows.map(({ month, vendor: v, tenant: t }) => {
      const means = tenantMeans([t]);
      const tenantOverall = overallScore(means);
      return {
        month,
        orders: v.orders,
        /** null for a month without a completed order of this vendor */
        score: v.orders > 0 ? scoreVendor(v, means) : null,
        tenantOverall: tenantOverall === null ? null : Math.round(tenantOverall * 10) / 10,
      };
    }),
  };
}

export type VendorTrend = Awaited<ReturnType<typeof vendorTrend>>;
