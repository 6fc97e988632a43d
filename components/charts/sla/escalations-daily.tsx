"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, countTick, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { escalationData } from "../sla-data";

/** Auto-escalations per day, 30 days. */
export function EscalationsDaily({ rows }: { rows: readonly { day: string; n: number }[] }) {
  const data = escalationData(rows);
  const total = data.reduce((s, d) => s + d.n, 0);
  return (
    <ChartFrame
      title="Escalations per day"
      summary={`${total} automatic escalations in the last 30 days.`}
      height={160}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS} tickFormatter={countTick} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => [v, "escalations"]} />
          <Bar dataKey="n" name="Escalations" fill="#7c3aed" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
