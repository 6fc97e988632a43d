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
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from "recharts";
import { formatDate, formatDateTime } from "@/lib/format";
import { SCORE_COMPONENTS } from "@/lib/devices";
import { AXIS, countTick, ChartFrame, TOOLTIP_STYLE, useMounted } from "./chart-frame";
import {
  COMPONENT_COLOURS,
  COMPONENT_LABELS,
  dayTicks,
  histogramData,
  histogramSummary,
  METRICS,
  metricData,
  metricSummary,
  scoreTrendData,
  scoreTrendSummary,
  sparklineData,
  sparklineSummary,
  type HistogramBucket,
  type Metric,
  type ScorePoint,
  type SeriesPoint,
  type SparkPoint,
  valueDomain,
} from "./device-data";

function ColouredBar(props: BarShapeProps) {
  const colour = (props.payload as { colour?: string } | undefined)?.colour ?? props.fill;
  return <Rectangle {...props} fill={colour} />;
}

/** The fleet's health scores in bands of ten: red under 50, amber to 79, green from 80. */
export function HealthHistogram({ buckets }: { buckets: readonly HistogramBucket[] }) {
  const data = histogramData(buckets);
  return (
    <ChartFrame
      title="Health scores"
      summary={histogramSummary(buckets)}
      height={200}
      empty={!data.some((b) => b.count > 0)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="from" tick={AXIS} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS} tickFormatter={countTick} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(_, p) =>
              `Score ${String(p[0]?.payload?.label ?? "")} (${String(p[0]?.payload?.band ?? "")})`
            }
            formatter={(v) => [v, "devices"]}
          />
          <Bar dataKey="count" name="devices" shape={ColouredBar} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** The x-axis of a week: a tick at each of the site's midnights, named by its date. */
function weekAxis(data: readonly { t: number }[], timeZone: string) {
  const first = data[0]?.t ?? 0;
  const last = data[data.length - 1]?.t ?? 0;
  return {
    dataKey: "t",
    type: "number" as const,
    scale: "time" as const,
    domain: [first, last],
    ticks: dayTicks(first, last, timeZone),
    tick: AXIS,
    tickFormatter: dayTick(timeZone),
    minTickGap: 16,
  };
}

const dayTick = (timeZone: string) => (t: number) =>
  formatDate(new Date(t), { timeZone }).replace(/ \d{4}$/, "");

/**
 * A device's battery, signal or temperature over 7 days, hourly: the mean (solid) and the
 * hour's extreme (thin); under it, the kind's normal range when given.
 */
export function MetricChart({
  metric,
  series,
  timeZone,
  range,
}: {
  metric: Metric;
  series: readonly SeriesPoint[];
  timeZone: string;
  range?: readonly [number, number];
}) {
  const m = METRICS[metric];
  const data = metricData(series, metric);
  const empty = !data.some((p) => p.value !== null);
  return (
    <ChartFrame
      title={`${m.title} (7 days)`}
      summary={metricSummary(series, metric)}
      height={empty ? 48 : 180}
      empty={empty}
      footer={
        range ? (
          <p className="mt-1 text-xs text-slate-500">
            Normal range {range[0]} to {range[1]}
            {m.unit}
          </p>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis {...weekAxis(data, timeZone)} />
          <YAxis tick={AXIS} width={40} allowDecimals={false} domain={valueDomain(data, metric)} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(t) => formatDateTime(new Date(Number(t)), { timeZone })}
            formatter={(v, name) => [v === null ? "—" : `${String(v)}${m.unit}`, name]}
          />
          <Line
            dataKey="extreme"
            name={m.extremeLabel}
            stroke={m.colour}
            strokeOpacity={0.4}
            strokeWidth={1}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="value"
            name="hourly mean"
            stroke={m.colour}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** The score per run (thick) and its four components (thin), with the failure chance. */
export function ScoreTrendChart({
  scores,
  timeZone,
}: {
  scores: readonly ScorePoint[];
  timeZone: string;
}) {
  const data = scoreTrendData(scores);
  const empty = !data.some((p) => p.score !== null);
  return (
    <ChartFrame
      title="Score trend"
      summary={scoreTrendSummary(scores)}
      height={empty ? 48 : 240}
      empty={empty}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis {...weekAxis(data, timeZone)} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(t) => formatDateTime(new Date(Number(t)), { timeZone })}
            formatter={(v, name) => [
              v === null ? "—" : name === "Failure chance" ? `${String(v)}%` : v,
              name,
            ]}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} iconSize={10} itemSorter={null} />
          {SCORE_COMPONENTS.map((key) => (
            <Line
              key={key}
              dataKey={key}
              name={COMPONENT_LABELS[key]}
              stroke={COMPONENT_COLOURS[key]}
              strokeOpacity={0.6}
              strokeWidth={1}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          <Line
            dataKey="probability"
            name="Failure chance"
            stroke="#dc2626"
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="score"
            name="Score"
            stroke="#0f172a"
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** The NOC panel's 24 h line of the signal a prediction is about. */
export function Sparkline({ focus, points }: { focus: Metric; points: readonly SparkPoint[] }) {
  const data = sparklineData(points);
  const summary = sparklineSummary(focus, points);
  const empty = !data.some((p) => p.value !== null);
  const m = METRICS[focus];
  const mounted = useMounted();
  return (
    <figure aria-label={`${m.title}, last 24 h`} className="min-w-0">
      <figcaption className="text-xs text-slate-600">{summary}</figcaption>
      {empty ? null : (
        <div className="h-12 w-full" aria-hidden="true">
          {mounted ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
                <YAxis hide domain={["auto", "auto"]} />
                <Line
                  dataKey="value"
                  stroke={m.colour}
                  strokeWidth={1.75}
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          ) : null}
        </div>
      )}
    </figure>
  );
}
