"use client";

import { KPI_DEFS, SECTION_LABELS, type ScorecardSection } from "@/lib/scorecards";
import { ChartFrame } from "./chart-frame";
import { lazyDrawing } from "./lazy-drawing";
import {
  sectionTrend,
  UNIT_AXIS_LABEL,
  type HistoryMonth,
  type TrendGroup,
} from "./scorecard-data";

const Drawing = lazyDrawing(() => import("./scorecard-trend-drawing"));

/** Six months of a section's KPIs, one line each, one chart per unit so scales never mix. */
export function ScorecardTrendChart({
  months,
  section,
}: {
  months: readonly HistoryMonth[];
  section: ScorecardSection;
}) {
  const groups = sectionTrend(months, section);
  const title = `${SECTION_LABELS[section]} — 6 months`;
  if (groups.length === 0)
    return (
      <ChartFrame title={title} summary="No values tracked" height={48} empty>
        {null}
      </ChartFrame>
    );
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {groups.map((g) => (
        <TrendLines
          key={g.unit}
          group={g}
          title={groups.length > 1 ? `${title} (${UNIT_AXIS_LABEL[g.unit]})` : title}
        />
      ))}
    </div>
  );
}

function TrendLines({ group, title }: { group: TrendGroup; title: string }) {
  return (
    <ChartFrame
      title={title}
      summary={group.keys.map((k) => KPI_DEFS[k].label).join(", ")}
      height={200}
    >
      <Drawing group={group} />
    </ChartFrame>
  );
}
