"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { KPI_DEFS, SECTION_LABELS, type ScorecardSection } from "@/lib/scorecards";
import { AXIS, ChartFrame, TOOLTIP_STYLE } from "./chart-frame";
import {
  sectionTrend,
  UNIT_AXIS_LABEL,
  type HistoryMonth,
  type TrendGroup,
} from "./scorecard-data";

const COLOURS = ["#1d4ed8", "#b45309", "#15803d", "#7c3aed", "#be123c"];

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
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={group.rows} margin={{ top: 6, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} />
          <YAxis
            tick={AXIS}
            domain={
              group.unit === "pct"
                ? [0, 100]
                : group.unit === "score"
                  ? ["auto", "auto"]
                  : [0, "auto"]
            }
            tickFormatter={(v: number) => (group.unit === "pct" ? `${v}%` : String(v))}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {group.keys.map((k, i) => (
            <Line
              key={k}
              dataKey={k}
              name={KPI_DEFS[k].label}
              stroke={COLOURS[i % COLOURS.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
