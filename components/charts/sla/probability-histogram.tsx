"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, countTick, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { distributionData } from "../sla-data";
import { ColouredBar } from "./parts";

/** How many open tickets sit in each probability band (red from 70 %, amber from 50 %). */
export function ProbabilityHistogram({ bins }: { bins: readonly { bin: number; n: number }[] }) {
  const data = distributionData(bins);
  const total = data.reduce((s, b) => s + b.n, 0);
  const atRisk = data.filter((b) => b.level === "at risk").reduce((s, b) => s + b.n, 0);
  return (
    <ChartFrame
      title="Breach probability of open tickets"
      summary={`${total} open tickets, ${atRisk} at 70% or more.`}
      empty={total === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="bin" tick={AXIS} tickFormatter={(b: number) => `${b * 10}%`} />
          <YAxis allowDecimals={false} tick={AXIS} tickFormatter={countTick} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(_, p) => `${String(p[0]?.payload?.label ?? "")} probability`}
            formatter={(v) => [v, "tickets"]}
          />
          <Bar dataKey="n" name="tickets" shape={ColouredBar} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
