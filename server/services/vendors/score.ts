import "server-only";
import { RANKING_MIN_ORDERS, VENDOR_SCORE_WEIGHTS } from "@/lib/work-orders";

/** Vendor performance score (vendors.md): weighted components, each 0–100. */
export const WEIGHTS = VENDOR_SCORE_WEIGHTS;
export type ComponentKey = keyof typeof WEIGHTS;
export const COMPONENT_KEYS = [
  "sla",
  "time",
  "quality",
  "rework",
] as const satisfies readonly ComponentKey[];

/** Pseudo-orders of tenant average added to every vendor's record (shrinkage strength). */
export const SHRINK_K = 5;

/**
 * Sums over a vendor's completed orders in the period, as the SQL returns them.
 * `timePerfSum` adds each order's `timePerformance(...)`. `dueOrders` / `timedOrders` count
 * the orders that had a due time / an estimate and a duration; they default to `orders`.
 */
export type VendorAggregate = {
  orders: number;
  onTime: number;
  dueOrders?: number;
  timePerfSum: number;
  timedOrders?: number;
  ratingSum: number;
  ratedOrders: number;
  reworked: number;
};

export type Components = Record<ComponentKey, number | null>;

const mapComponents = (f: (key: ComponentKey) => number | null): Components => ({
  sla: f("sla"),
  time: f("time"),
  quality: f("quality"),
  rework: f("rework"),
});

const clamp100 = (x: number) => Math.min(100, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * One order's time performance: 100 at or under the estimate, then estimate/actual, so a job
 * taking twice the estimate scores 50 and three times scores 33. Proportional rather than a
 * fixed penalty per hour, so a 1-hour and a 10-hour job overrunning by half are judged alike.
 * SQL: `100 * least(1, estimate_hours / nullif(actual_hours, 0))`, null when either is missing.
 */
export function timePerformance(estimateHours: number, actualHours: number): number {
  if (!(estimateHours > 0)) return 100;
  if (!(actualHours > estimateHours)) return 100;
  return (100 * estimateHours) / actualHours;
}

/** Rating 1–5 mapped linearly: 1 → 0, 3 → 50, 5 → 100. */
export const ratingToScore = (rating: number) => clamp100(((rating - 1) / 4) * 100);

function sampleSizes(agg: VendorAggregate): Record<ComponentKey, number> {
  return {
    sla: Math.max(0, agg.dueOrders ?? agg.orders),
    time: Math.max(0, agg.timedOrders ?? agg.orders),
    quality: Math.max(0, agg.ratedOrders),
    rework: Math.max(0, agg.orders),
  };
}

/** The vendor's own component scores; null where it has no data (e.g. never rated). */
export function componentScores(agg: VendorAggregate): Components {
  const n = sampleSizes(agg);
  const ratio = (x: number, d: number) => (d > 0 ? clamp100((100 * x) / d) : null);
  return {
    sla: ratio(agg.onTime, n.sla),
    time: n.time > 0 ? clamp100(agg.timePerfSum / n.time) : null,
    quality: n.quality > 0 ? ratingToScore(agg.ratingSum / n.quality) : null,
    rework: n.rework > 0 ? clamp100(100 - (100 * agg.reworked) / n.rework) : null,
  };
}

/**
 * Weighted sum of the components. A component that is null (no data in the whole tenant)
 * is left out and the other weights scaled up, so a tenant that never rates is not capped.
 */
export function overallScore(components: Components): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of COMPONENT_KEYS) {
    const c = components[key];
    if (c === null) continue;
    sum += WEIGHTS[key] * c;
    weight += WEIGHTS[key];
  }
  return weight > 0 ? sum / weight : null;
}

/** Pull a vendor's value toward the tenant mean by k pseudo-orders: (n·v + k·m) / (n + k). */
export function shrink(vendorValue: number, n: number, tenantMean: number, k = SHRINK_K): number {
  if (n <= 0) return tenantMean;
  return (n * vendorValue + k * tenantMean) / (n + k);
}

/** The tenant mean per component, pooled over all orders (not an average of vendors). */
export function tenantMeans(aggs: readonly VendorAggregate[]): Components {
  const total: Required<VendorAggregate> = {
    orders: 0,
    onTime: 0,
    dueOrders: 0,
    timePerfSum: 0,
    timedOrders: 0,
    ratingSum: 0,
    ratedOrders: 0,
    reworked: 0,
  };
  for (const a of aggs) {
    const n = sampleSizes(a);
    total.orders += n.rework;
    total.onTime += a.onTime;
    total.dueOrders += n.sla;
    total.timePerfSum += a.timePerfSum;
    total.timedOrders += n.time;
    total.ratingSum += a.ratingSum;
    total.ratedOrders += n.quality;
    total.reworked += a.reworked;
  }
  return componentScores(total);
}

/**
 * ± half-width of a rough 95 % band on the overall score. Each component is an average of
 * per-order values in 0–100, whose standard deviation is at most 50; with n orders plus the
 * k pseudo-orders of shrinkage that gives 1.96 · 50 / √(n + k). It is a worst-case band
 * (it assumes maximal spread), so it errs wide: ±44 with no orders, ±31 at 5, ±10 at 100.
 */
export function uncertainty(n: number, k = SHRINK_K): number {
  return (1.96 * 50) / Math.sqrt(Math.max(0, n) + k);
}

export type VendorScore = {
  orders: number;
  /** The vendor's own components and overall, before shrinkage (null: no data). */
  raw: Components;
  rawOverall: number | null;
  /** Components after shrinkage toward the tenant mean; these make the score. */
  components: Components;
  overall: number | null;
  uncertainty: number;
  low: number | null;
  high: number | null;
  unreliable: boolean;
  /** Components the vendor had no data for; they carry the tenant mean (or are left out). */
  missing: ComponentKey[];
};

export function scoreVendor(agg: VendorAggregate, means: Components, k = SHRINK_K): VendorScore {
  const raw = componentScores(agg);
  const n = sampleSizes(agg);
  const missing = COMPONENT_KEYS.filter((key) => raw[key] === null);
  const components = mapComponents((key) => {
    const v = raw[key];
    const m = means[key];
    return v === null ? m : m === null ? v : shrink(v, n[key], m, k);
  });
  const overall = overallScore(components);
  const rawOverall = overallScore(raw);
  const half = uncertainty(agg.orders, k);
  return {
    orders: agg.orders,
    raw: roundAll(raw),
    rawOverall: rawOverall === null ? null : round1(rawOverall),
    components: roundAll(components),
    overall: overall === null ? null : round1(overall),
    uncertainty: round1(half),
    low: overall === null ? null : round1(clamp100(overall - half)),
    high: overall === null ? null : round1(clamp100(overall + half)),
    unreliable: agg.orders < RANKING_MIN_ORDERS,
    missing,
  };
}

function roundAll(c: Components): Components {
  return mapComponents((key) => {
    const v = c[key];
    return v === null ? null : round1(v);
  });
}

export type VendorRow = VendorAggregate & { vendorId: string; name: string };
export type RankChange = {
  previousRank: number;
  previousScore: number | null;
  /** Places moved: positive = up (from 5th to 2nd is +3). */
  rank: number;
  score: number | null;
};
export type RankedVendor = VendorScore & {
  vendorId: string;
  name: string;
  rank: number;
  change: RankChange | null;
};

function rank(rows: readonly VendorRow[], k: number): Omit<RankedVendor, "change">[] {
  const scored = rows.filter((r) => r.orders > 0);
  const means = tenantMeans(scored);
  const list = scored.map((r) => ({
    vendorId: r.vendorId,
    name: r.name,
    ...scoreVendor(r, means, k),
  }));
  const key = (s: number | null) => s ?? -Infinity;
  list.sort(
    (a, b) =>
      key(b.overall) - key(a.overall) ||
      b.orders - a.orders ||
      a.name.localeCompare(b.name) ||
      (a.vendorId < b.vendorId ? -1 : a.vendorId > b.vendorId ? 1 : 0),
  );
  // Competition ranking on the shown (rounded) score: 1, 1, 3.
  const ranked: Omit<RankedVendor, "change">[] = [];
  let previous: (typeof ranked)[number] | undefined;
  for (const [i, s] of list.entries()) {
    const r = previous && previous.overall === s.overall ? previous.rank : i + 1;
    previous = { ...s, rank: r };
    ranked.push(previous);
  }
  return ranked;
}

/**
 * Rank the vendors of one tenant for a period, best first, with the change against the
 * previous period. Vendors without a completed order in a period have no score there and are
 * not ranked (list them apart); `change` is null when the vendor was not ranked before.
 */
export function rankVendors(
  rows: readonly VendorRow[],
  previousRows: readonly VendorRow[] = [],
  k = SHRINK_K,
): RankedVendor[] {
  const before = new Map(rank(previousRows, k).map((r) => [r.vendorId, r]));
  return rank(rows, k).map((r) => {
    const p = before.get(r.vendorId);
    const change: RankChange | null = p
      ? {
          previousRank: p.rank,
          previousScore: p.overall,
          rank: p.rank - r.rank,
          score: r.overall === null || p.overall === null ? null : round1(r.overall - p.overall),
        }
      : null;
    return { ...r, change };
  });
}
