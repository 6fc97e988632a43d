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
import { AXIS, ChartFrame, TOOLTIP_STYLE } from "../chart-frame";
import { calibrationData, MIN_CALIBRATION_N } from "../sla-data";
import { ChartLegend, pctTick } from "./parts";

const LINE = "#0369a1";
const THIN = "#94a3b8";

/** A band with too few predictions: a hollow grey ring labelled with its n. */
function ThinDot(props: { cx?: number; cy?: number; index?: number; payload?: { n?: number } }) {
  if (props.cx === undefined || props.cy === undefined || Number.isNaN(props.cy))
    return <g key={props.index} />;
  return (
    <g key={props.index}>
      <circle cx={props.cx} cy={props.cy} r={4} fill="white" stroke={THIN} strokeWidth={1.5} />
      <text x={props.cx + 6} y={props.cy - 6} fontSize={10} fill="#64748b">
        n={props.payload?.n ?? 0}
      </text>
    </g>
  );
}

function BandTable({ points }: { points: ReturnType<typeof calibrationData>["points"] }) {
  return (
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
            <tr
              key={p.band}
              className={`border-t border-slate-100 ${p.sparse ? "text-slate-400" : ""}`}
            >
              <td className="px-1">{p.label}</td>
              <td className="px-1 text-right">{p.predicted}%</td>
              <td className="px-1 text-right">{p.actual}%</td>
              <td className="px-1 text-right">
                {p.n}
                {p.sparse ? <span className="ml-1">(too few)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Predicted probability per band against the share that actually breached (30 days), with
 * the diagonal a perfectly calibrated model would follow, and n per band in a table. Bands
 * with fewer than MIN_CALIBRATION_N predictions are hollow, labelled, and off the line.
 */
export function CalibrationChart({
  rows,
}: {
  rows: readonly { band: number; n: number; predicted: number; actual: number }[];
}) {
  const { points, total, offShare, sparseBands } = calibrationData(rows);
  const verdict =
    offShare === null
      ? `no band has ${MIN_CALIBRATION_N} or more yet`
      : offShare > 0.2
        ? "some bands are off by more than 15 points"
        : "bands sit close to the diagonal";
  const thin = sparseBands
    ? ` ${sparseBands} band${sparseBands === 1 ? " has" : "s have"} under ${MIN_CALIBRATION_N} (hollow).`
    : "";
  return (
    <ChartFrame
      title="Calibration: predicted vs actual"
      summary={
        total
          ? `${total} predictions of tickets since resolved; ${verdict}.${thin}`
          : "No predictions of resolved tickets in the last 30 days yet."
      }
      empty={!total}
      footer={
        points.length ? (
          <>
            <ChartLegend
              items={[
                { label: "Actually breached", colour: LINE, shape: "dot" },
                {
                  label: `Under ${MIN_CALIBRATION_N} tickets: too few to judge`,
                  colour: THIN,
                  shape: "ring",
                },
              ]}
            />
            <BandTable points={points} />
          </>
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
            labelFormatter={(_, p) => {
              const d = p[0]?.payload as
                { label?: string; n?: number; sparse?: boolean } | undefined;
              return `${d?.label ?? ""} band, n = ${d?.n ?? 0}${d?.sparse ? " (too few to judge)" : ""}`;
            }}
            formatter={(v) => [`${String(v)}%`, "breached"]}
          />
          <Line
            dataKey="solid"
            name="Actually breached"
            stroke={LINE}
            strokeWidth={2}
            dot={{ r: 3, fill: LINE }}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="thin"
            name="Too few to judge"
            stroke={THIN}
            strokeWidth={0}
            dot={ThinDot}
            activeDot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
