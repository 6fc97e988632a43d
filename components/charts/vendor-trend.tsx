"use client";

import { ChartFrame } from "./chart-frame";
import { lazyDrawing } from "./lazy-drawing";
import { trendSummary, type TrendMonth } from "./vendor-data";

const Drawing = lazyDrawing(() => import("./vendor-trend-drawing"));

/**
 * A vendor's overall score per month with its uncertainty band, its four components (thin)
 * and the tenant's average (dashed). Months without orders leave gaps.
 */
export function VendorTrendChart({ months }: { months: readonly TrendMonth[] }) {
  const empty = !months.some((m) => m.orders > 0);
  return (
    <ChartFrame
      title="Score trend"
      summary={trendSummary(months)}
      height={empty ? 48 : 240}
      empty={empty}
    >
      <Drawing months={months} />
    </ChartFrame>
  );
}
