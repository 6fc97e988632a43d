"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDateTime, formatTime } from "@/lib/format";
import { AXIS, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { historyData } from "../sla-data";

/** A ticket's breach probability at each prediction run, with the alert and escalation lines. */
export function ProbabilityHistory({
  rows,
  until,
  timeZone,
}: {
  rows: readonly { at: Date; probability: number }[];
  /** the value holds until now (open) or until the ticket was resolved */
  until?: Date | null;
  timeZone?: string;
}) {
  const data = historyData(rows, until);
  const last = data.at(-1);
  return (
    <ChartFrame
      title="Probability history"
      summary={
        last
          ? `${rows.length} change${rows.length === 1 ? "" : "s"} of the probability (each holds until the next); now ${last.p}%.`
          : "Not scored yet."
      }
      height={150}
      empty={!data.length}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="t"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tick={AXIS}
            tickFormatter={(t: number) => formatTime(new Date(t), { timeZone, unnamed: true })}
            minTickGap={24}
          />
          <YAxis domain={[0, 100]} ticks={[0, 50, 70, 100]} tick={AXIS} />
          <ReferenceLine y={70} stroke="#f87171" strokeDasharray="3 3" />
          <ReferenceLine y={80} stroke="#7c3aed" strokeDasharray="3 3" />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(t) => formatDateTime(new Date(Number(t)), { timeZone })}
            formatter={(v) => [`${String(v)}%`, "probability"]}
          />
          <Line
            type="stepAfter"
            dataKey="p"
            stroke="#0369a1"
            strokeWidth={2}
            dot={rows.length < 30 ? { r: 2 } : false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
