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
import { KPI_DEFS } from "@/lib/scorecards";
import { AXIS, TOOLTIP_STYLE } from "./chart-frame";
import type { TrendGroup } from "./scorecard-data";

const COLOURS = ["#1d4ed8", "#b45309", "#15803d", "#7c3aed", "#be123c"];

/** The drawing of one unit's trend lines (scorecard-trend.tsx), loaded after the page. */
export default function ScorecardTrendDrawing({ group }: { group: TrendGroup }) {
  return (
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
  );
}
