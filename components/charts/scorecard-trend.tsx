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
import { sectionTrend, type HistoryMonth } from "./scorecard-data";

const COLOURS = ["#1d4ed8", "#b45309", "#15803d", "#7c3aed", "#be123c"];

/** Six months of a section's KPIs, one line each. */
export function ScorecardTrendChart({
  months,
  section,
}: {
  months: readonly HistoryMonth[];
  section: ScorecardSection;
}) {
  const { keys, rows } = sectionTrend(months, section);
  const empty = keys.length === 0;
  return (
    <ChartFrame
      title={`${SECTION_LABELS[section]} — 6 months`}
      summary={empty ? "No values tracked" : keys.map((k) => KPI_DEFS[k].label).join(", ")}
      height={empty ? 48 : 200}
      empty={empty}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} />
          <YAxis tick={AXIS} />
          <Tooltip contentStyle={TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {keys.map((k, i) => (
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
