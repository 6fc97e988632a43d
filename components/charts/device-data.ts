import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import type { Tone } from "@/components/ui/badge";
import {
  COMPONENT_WEIGHTS,
  DEVICE_RULES,
  SCORE_COMPONENTS,
  type HealthComponents,
  type ScoreComponent,
} from "@/lib/devices";

/** Pure mappers from the device queries to what the device pages and their charts draw. */

const HOUR_MS = 3_600_000;

export const COMPONENT_LABELS: Record<ScoreComponent, string> = {
  battery: "Battery",
  signal: "Signal",
  uptime: "Uptime",
  temperature: "Temperature",
};

export const COMPONENT_COLOURS: Record<ScoreComponent, string> = {
  battery: "#059669",
  signal: "#0369a1",
  uptime: "#7c3aed",
  temperature: "#d97706",
};

/** Green from 80, amber from the at-risk line (50), red below: a hint beside the number. */
export function healthTone(score: number | null | undefined): Tone {
  if (score === null || score === undefined) return "slate";
  return score >= 80 ? "green" : score >= DEVICE_RULES.atRiskScore ? "amber" : "red";
}

const TONE_COLOURS: Record<Tone, string> = {
  green: "#059669",
  amber: "#d97706",
  red: "#dc2626",
  slate: "#94a3b8",
  sky: "#0369a1",
  violet: "#7c3aed",
};

/** "74%" from 0.74; "—" with none. */
export function percentText(p: number | null | undefined): string {
  return p === null || p === undefined ? "—" : `${Math.round(p * 100)}%`;
}

/**
 * Each component with the share of the score it carries for this device: a component the
 * device has nothing to say about (a mains-powered kind's battery) gives its weight to the
 * others in their proportions, as the scoring run does.
 */
export function componentRows(components: HealthComponents | null | undefined) {
  const present = SCORE_COMPONENTS.filter((k) => components?.[k] != null);
  const total = present.reduce((s, k) => s + COMPONENT_WEIGHTS[k], 0);
  return SCORE_COMPONENTS.map((key) => {
    const value = components?.[key] ?? null;
    const weight = value === null || !total ? 0 : COMPONENT_WEIGHTS[key] / total;
    return {
      key,
      label: COMPONENT_LABELS[key],
      value,
      weight: Math.round(weight * 100),
      tone: healthTone(value),
    };
  });
}

export type HistogramBucket = { from: number; to: number; count: number };

/** One bar per ten points, coloured by the band its scores fall in. */
export function histogramData(buckets: readonly HistogramBucket[]) {
  return buckets.map((b) => {
    const tone = healthTone(b.from);
    return {
      label: `${b.from}–${b.to}`,
      from: b.from,
      count: b.count,
      colour: TONE_COLOURS[tone],
      band: tone === "green" ? "healthy" : tone === "amber" ? "fair" : "poor",
    };
  });
}

/** "238 scored devices: 12 under 50, 180 at 80 or more." */
export function histogramSummary(buckets: readonly HistogramBucket[]): string {
  const total = buckets.reduce((s, b) => s + b.count, 0);
  if (!total) return "No device has a health score yet.";
  const poor = buckets
    .filter((b) => b.from < DEVICE_RULES.atRiskScore)
    .reduce((s, b) => s + b.count, 0);
  const good = buckets.filter((b) => b.from >= 80).reduce((s, b) => s + b.count, 0);
  return `${total} scored device${total === 1 ? "" : "s"}: ${poor} under ${DEVICE_RULES.atRiskScore}, ${good} at 80 or more.`;
}

export type SeriesPoint = {
  hour: Date;
  battery: number | null;
  batteryMin: number | null;
  signal: number | null;
  signalMin: number | null;
  temperature: number | null;
  temperatureMax: number | null;
  uptime: number;
  readings: number;
};

export type Metric = "battery" | "signal" | "temperature";

export const METRICS: Record<
  Metric,
  { title: string; unit: string; colour: string; extreme: "min" | "max"; extremeLabel: string }
> = {
  battery: {
    title: "Battery",
    unit: "%",
    colour: "#059669",
    extreme: "min",
    extremeLabel: "lowest",
  },
  signal: {
    title: "Signal",
    unit: " dBm",
    colour: "#0369a1",
    extreme: "min",
    extremeLabel: "weakest",
  },
  temperature: {
    title: "Temperature",
    unit: " °C",
    colour: "#d97706",
    extreme: "max",
    extremeLabel: "highest",
  },
};

const extremeKey = (m: Metric) =>
  m === "battery" ? "batteryMin" : m === "signal" ? "signalMin" : "temperatureMax";

/**
 * One point per hour from the first hour with data to the last, the hourly mean and the
 * hour's extreme (lowest battery and signal, highest temperature); an hour without readings
 * is a point without values, so the line shows the gap instead of bridging it.
 */
export function metricData(series: readonly SeriesPoint[], metric: Metric) {
  const byHour = new Map(series.map((p) => [p.hour.getTime(), p]));
  const times = [...byHour.keys()].sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: { t: number; value: number | null; extreme: number | null; readings: number }[] = [];
  for (let t = first; t <= last; t += HOUR_MS) {
    const p = byHour.get(t);
    out.push({
      t,
      value: p?.[metric] ?? null,
      extreme: p?.[extremeKey(metric)] ?? null,
      readings: p?.readings ?? 0,
    });
  }
  return out;
}

const fmt = (v: number, unit: string) => `${Math.round(v * 10) / 10}${unit}`;

/** "Battery from 45% to 8% over 7 days; lowest 7.2%." or why there is nothing to draw. */
export function metricSummary(series: readonly SeriesPoint[], metric: Metric): string {
  const m = METRICS[metric];
  const points = metricData(series, metric).filter((p) => p.value !== null);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || first.value === null || last.value === null)
    return `No ${m.title.toLowerCase()} readings in the last 7 days.`;
  const extremes = points.map((p) => p.extreme ?? p.value ?? 0);
  const extreme = m.extreme === "min" ? Math.min(...extremes) : Math.max(...extremes);
  const days = Math.max(1, Math.round((last.t - first.t) / (24 * HOUR_MS)));
  return `${m.title} from ${fmt(first.value, m.unit)} to ${fmt(last.value, m.unit)} over ${days} day${days === 1 ? "" : "s"}; ${m.extremeLabel} ${fmt(extreme, m.unit)}.`;
}

export type ScorePoint = {
  runAt: Date;
  score: number | null;
  battery: number | null;
  signal: number | null;
  uptime: number | null;
  temperature: number | null;
  probability: number | null;
  failureType: string | null;
};

/** One point per scoring run, the score and its four components. */
export function scoreTrendData(scores: readonly ScorePoint[]) {
  return scores.map((s) => ({
    t: s.runAt.getTime(),
    score: s.score,
    battery: s.battery,
    signal: s.signal,
    uptime: s.uptime,
    temperature: s.temperature,
    probability: s.probability === null ? null : Math.round(s.probability * 100),
  }));
}

/** "Score from 88 to 54 over 7 days (30 runs)." */
export function scoreTrendSummary(scores: readonly ScorePoint[]): string {
  const scored = scores.filter((s) => s.score !== null);
  const first = scored[0];
  const last = scored[scored.length - 1];
  if (!first || !last) return "No scoring runs in the last 7 days.";
  if (first === last) return `Scored ${last.score} in the one run so far.`;
  const days = Math.max(1, Math.round((last.runAt.getTime() - first.runAt.getTime()) / 86_400_000));
  return `Score from ${first.score} to ${last.score} over ${days} day${days === 1 ? "" : "s"} (${scored.length} runs).`;
}

export type SparkPoint = { hour: Date; value: number | null };

/** The NOC panel's 24 h line: one point per hour, gaps kept. */
export function sparklineData(points: readonly SparkPoint[]) {
  return [...points]
    .sort((a, b) => a.hour.getTime() - b.hour.getTime())
    .map((p) => ({ t: p.hour.getTime(), value: p.value }));
}

/** "Battery over 24 h: 31% → 6%." */
export function sparklineSummary(focus: Metric, points: readonly SparkPoint[]): string {
  const m = METRICS[focus];
  const values = sparklineData(points).filter((p) => p.value !== null);
  const first = values[0];
  const last = values[values.length - 1];
  if (!first || !last || first.value === null || last.value === null)
    return `No ${m.title.toLowerCase()} readings in the last 24 h.`;
  return `${m.title} over 24 h: ${fmt(first.value, m.unit)} → ${fmt(last.value, m.unit)}.`;
}

/** The local midnights of the site's zone between two instants: one axis tick per day. */
export function dayTicks(first: number, last: number, timeZone: string): number[] {
  const out: number[] = [];
  let day = startOfDay(new TZDate(first, timeZone));
  if (day.getTime() < first) day = addDays(day, 1);
  for (; day.getTime() <= last; day = addDays(day, 1)) out.push(day.getTime());
  return out;
}

/** A y-axis range in whole units with a little room around the values (battery: 0–100). */
export function valueDomain(
  points: readonly { value: number | null; extreme: number | null }[],
  metric: Metric,
): [number, number] {
  if (metric === "battery") return [0, 100];
  const values = points.flatMap((p) => [p.value, p.extreme]).filter((v) => v !== null);
  if (!values.length) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(1, Math.ceil((hi - lo) * 0.1));
  return [Math.floor(lo) - pad, Math.ceil(hi) + pad];
}
