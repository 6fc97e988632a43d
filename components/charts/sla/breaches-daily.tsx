"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS, countTick, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { dailyData } from "../sla-data";
import { pctTick } from "./parts";

/** Resolution breaches per day (bars) and the share resolved within SLA (line), 30 days. */
export function BreachesDaily({
  rows,
}: {
  rows: readonly { day: string; breaches: number; resolved: number; metPct: number | null }[];
}) {
  const data = dailyData(rows);
  const resolved = data.reduce((s, d) => s + d.resolved, 0);
  const breaches = data.reduce((s, d) => s + d.breaches, 0);
  const met = resolved ? Math.round(((resolved - breaches) / resolved) * 1000) / 10 : null;
  return (
    <ChartFrame
      title="Breaches per day and SLA met"
      summary={`Last 30 days: ${breaches} breaches of ${resolved} resolved${met === null ? "" : `, ${met}% met`}.`}
      empty={resolved === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: -12, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={16} />
          <YAxis yAxisId="n" allowDecimals={false} tick={AXIS} tickFormatter={countTick} />
          <YAxis
            yAxisId="pct"
            orientation="right"
            domain={[0, 100]}
            tick={AXIS}
            tickFormatter={pctTick}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            formatter={(v, name) => (name === "SLA met" ? [`${String(v)}%`, name] : [v, name])}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} iconSize={10} />
          <Bar
            yAxisId="n"
            dataKey="breaches"
            name="Breaches"
            fill="#f87171"
            isAnimationActive={false}
          />
          <Line
            yAxisId="pct"
            dataKey="metPct"
            name="SLA met"
            stroke="#047857"
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
