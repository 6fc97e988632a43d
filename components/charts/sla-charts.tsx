"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Rectangle,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from "recharts";
import { formatDateTime, formatTime } from "@/lib/format";
import { AXIS, ChartFrame, TOOLTIP_STYLE } from "./chart-frame";
import {
  calibrationData,
  dailyData,
  distributionData,
  escalationData,
  historyData,
  perClientData,
} from "./sla-data";

const pctTick = (v: number) => `${v}%`;

/** Bars painted with the colour each data point carries (`colour`). */
function ColouredBar(props: BarShapeProps) {
  const colour = (props.payload as { colour?: string } | undefined)?.colour ?? props.fill;
  return <Rectangle {...props} fill={colour} />;
}

/** A contract target: a short upright mark across the client's bar. */
function TargetMark(props: { cx?: number; cy?: number; index?: number }) {
  if (props.cx === undefined || props.cy === undefined || Number.isNaN(props.cx))
    return <g key={props.index} />;
  return (
    <rect
      key={props.index}
      x={props.cx - 1.5}
      y={props.cy - 9}
      width={3}
      height={18}
      fill="#0f172a"
    />
  );
}

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
          <YAxis allowDecimals={false} tick={AXIS} />
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
          <YAxis yAxisId="n" allowDecimals={false} tick={AXIS} />
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

/** SLA met % per client over 30 days, worst first, with each contract's target as a mark. */
export function ClientCompliance({
  rows,
}: {
  rows: readonly { client: string; resolved: number; metPct: number; target: number | null }[];
}) {
  const data = perClientData(rows).map((r) => ({
    ...r,
    colour: r.belowTarget ? "#dc2626" : "#0284c7",
  }));
  const below = data.filter((d) => d.belowTarget).map((d) => d.client);
  return (
    <ChartFrame
      title="SLA compliance per client"
      summary={
        below.length
          ? `Below contract target: ${below.join(", ")}.`
          : "Last 30 days; every client with a target meets it."
      }
      height={Math.max(160, data.length * 34 + 40)}
      empty={!data.length}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 100]} tick={AXIS} tickFormatter={pctTick} />
          <YAxis type="category" dataKey="short" width={104} tick={AXIS} interval={0} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(_, p) =>
              `${String(p[0]?.payload?.client ?? "")} (${String(p[0]?.payload?.resolved ?? 0)} resolved)`
            }
            formatter={(v, name) => [v === null || v === undefined ? "—" : `${String(v)}%`, name]}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} iconSize={10} />
          <Bar
            dataKey="metPct"
            name="SLA met"
            fill="#0284c7"
            shape={ColouredBar}
            barSize={14}
            isAnimationActive={false}
          />
          <Line
            dataKey="target"
            name="Contract target"
            stroke="#0f172a"
            strokeWidth={0}
            dot={TargetMark}
            activeDot={false}
            legendType="rect"
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

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
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => [v, "escalations"]} />
          <Bar dataKey="n" name="Escalations" fill="#7c3aed" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/**
 * Predicted probability per band against the share that actually breached (30 days), with
 * the diagonal a perfectly calibrated model would follow, and n per band in a table.
 */
export function CalibrationChart({
  rows,
}: {
  rows: readonly { band: number; n: number; predicted: number; actual: number }[];
}) {
  const { points, total, offShare } = calibrationData(rows);
  return (
    <ChartFrame
      title="Calibration: predicted vs actual"
      summary={
        total
          ? `${total} predictions of tickets since resolved; ${offShare !== null && offShare > 0.2 ? "some bands are off by more than 15 points" : "bands sit close to the diagonal"}.`
          : "No predictions of resolved tickets in the last 30 days yet."
      }
      empty={!total}
      footer={
        points.length ? (
          <div className="mt-2 overflow-x-auto">
            <table aria-label="Calibration bands" className="w-full text-xs tabular-nums">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="px-1 text-left font-medium">
                    Band
                  </th>
                  <th scope="col" className="px-1 text-right font-medium">
                    Predicted
                  </th>
                  <th scope="col" className="px-1 text-right font-medium">
                    Breached
                  </th>
                  <th scope="col" className="px-1 text-right font-medium">
                    n
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.band} className="border-t border-slate-100">
                    <td className="px-1">{p.label}</td>
                    <td className="px-1 text-right">{p.predicted}%</td>
                    <td className="px-1 text-right">{p.actual}%</td>
                    <td className="px-1 text-right">{p.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, 100]}
            ticks={[0, 20, 40, 60, 80, 100]}
            tick={AXIS}
            tickFormatter={pctTick}
          />
          <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={AXIS} />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 100, y: 100 },
            ]}
            stroke="#94a3b8"
            strokeDasharray="4 4"
            label={{ value: "perfect", position: "insideTopLeft", fontSize: 11, fill: "#64748b" }}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(_, p) =>
              `${String(p[0]?.payload?.label ?? "")} band, n = ${String(p[0]?.payload?.n ?? 0)}`
            }
            formatter={(v) => [`${String(v)}%`, "breached"]}
          />
          <Line
            dataKey="actual"
            name="Actually breached"
            stroke="#0369a1"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

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
