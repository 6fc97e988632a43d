import "server-only";
import { createHash } from "node:crypto";
import {
  KPI_DEFS,
  KPI_KEYS,
  type Direction,
  type KpiDriver,
  type KpiKey,
  type KpiResult,
  type Rag,
  type VendorRank,
} from "@/lib/scorecards";

/**
 * What a source measured for one client-month: a number with the counts behind it, or why
 * there is none. A module that is not built (or has no rows for the client) answers
 * `not_tracked` / `no_data` with a note, never a made-up number.
 */
export type KpiMeasure =
  | {
      status: "ok";
      value: number;
      inputs: Record<string, number>;
      driver?: KpiDriver | null;
      details?: KpiResult["details"];
    }
  | { status: "not_tracked" | "no_data"; note: string; inputs?: Record<string, number> };

export type Target = { target: number; redAt: number };

const round1 = (x: number) => Math.round(x * 10) / 10;

export const notTracked = (what: string): KpiMeasure => ({
  status: "not_tracked",
  note: `not tracked (${what})`,
});

/** A percentage of `num` over `den`; nothing to measure when `den` is 0. */
export function pctMeasure(
  num: number,
  den: number,
  emptyNote: string,
  inputs: Record<string, number> = {},
  driver: KpiDriver | null = null,
): KpiMeasure {
  if (!(den > 0)) return { status: "no_data", note: emptyNote, inputs: { ...inputs, total: 0 } };
  const value = round1((100 * Math.min(num, den)) / den);
  return { status: "ok", value, inputs: { ...inputs, met: num, total: den }, driver };
}

export const countMeasure = (
  n: number,
  inputs: Record<string, number> = {},
  driver: KpiDriver | null = null,
): KpiMeasure => ({ status: "ok", value: n, inputs: { ...inputs, count: n }, driver });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 ? hi : ((s[mid - 1] ?? 0) + hi) / 2;
}

/** Mean AFINN comparative score (-5..5) of comments mapped to 0–100, 50 neutral. */
export function sentimentScore(meanComparative: number): number {
  return round1(Math.min(100, Math.max(0, (meanComparative + 5) * 10)));
}

/** Movements smaller than this (after rounding to one decimal) read as flat. */
const FLAT = 0.05;

export function trend(
  key: KpiKey,
  value: number | null,
  previous: number | null,
): { delta: number | null; direction: Direction | null; good: boolean | null } {
  if (value == null || previous == null) return { delta: null, direction: null, good: null };
  const delta = round1(value - previous);
  if (Math.abs(delta) < FLAT) return { delta: 0, direction: "flat", good: null };
  const direction: Direction = delta > 0 ? "up" : "down";
  return { delta, direction, good: (direction === "up") === KPI_DEFS[key].higherIsBetter };
}

/** Green when the target is met, red at or past `redAt`, amber between. */
export function rag(key: KpiKey, value: number | null, t: Target): Rag {
  if (value == null) return "none";
  if (KPI_DEFS[key].higherIsBetter) {
    if (value >= t.target) return "green";
    return value <= t.redAt ? "red" : "amber";
  }
  if (value <= t.target) return "green";
  return value >= t.redAt ? "red" : "amber";
}

export function overallRag(kpis: readonly Pick<KpiResult, "rag">[]): Rag {
  for (const level of ["red", "amber", "green"] as const)
    if (kpis.some((k) => k.rag === level)) return level;
  return "none";
}

export function defaultTarget(key: KpiKey): Target {
  return { target: KPI_DEFS[key].target, redAt: KPI_DEFS[key].redAt };
}

/** A target is valid when `redAt` lies on the bad side of (or at) the target. */
export function validTarget(key: KpiKey, t: Target): boolean {
  if (!Number.isFinite(t.target) || !Number.isFinite(t.redAt)) return false;
  return KPI_DEFS[key].higherIsBetter ? t.redAt <= t.target : t.redAt >= t.target;
}

export function buildKpi(
  key: KpiKey,
  measure: KpiMeasure,
  previous: number | null,
  target: Target,
): KpiResult {
  const value = measure.status === "ok" ? measure.value : null;
  return {
    key,
    status: measure.status,
    value,
    note: measure.status === "ok" ? null : measure.note,
    previous,
    ...trend(key, value, previous),
    target: target.target,
    redAt: target.redAt,
    rag: rag(key, value, target),
    inputs: measure.inputs ?? {},
    driver: measure.status === "ok" ? (measure.driver ?? null) : null,
    ...(measure.status === "ok" && measure.details ? { details: measure.details } : {}),
  };
}

/** Top and bottom `n` vendors by score, ties by name; bottom excludes those already on top. */
export function topBottom(
  vendors: readonly VendorRank[],
  n = 3,
): { top: VendorRank[]; bottom: VendorRank[] } {
  const sorted = [...vendors].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const top = sorted.slice(0, n);
  const bottom = sorted
    .slice(Math.max(n, sorted.length - n))
    .reverse()
    .filter((v) => !top.includes(v));
  return { top, bottom };
}

function formatValue(key: KpiKey, v: number): string {
  switch (KPI_DEFS[key].unit) {
    case "pct":
      return `${v} %`;
    case "minutes":
      return `${v} min`;
    case "days":
      return `${v} days`;
    default:
      return String(v);
  }
}

function movement(k: KpiResult & { value: number; previous: number; delta: number }): string {
  const def = KPI_DEFS[k.key];
  const verb = k.delta > 0 ? "rose" : "fell";
  const amount = Math.abs(k.delta);
  if (def.unit === "pct" || def.unit === "score")
    return `${def.label} ${verb} ${amount} ${def.unit === "pct" ? "pts" : "points"} to ${formatValue(k.key, k.value)}`;
  return `${def.label} ${verb} from ${formatValue(k.key, k.previous)} to ${formatValue(k.key, k.value)}`;
}

/**
 * The "what changed" lines: the largest movements, measured in widths of the KPI's amber band
 * so a 6-point fall in attendance and a jump from 2 to 9 geofence violations compare; ties go
 * to the KPI order. Deterministic: the same KPIs give the same lines.
 */
export function summarize(kpis: readonly KpiResult[], limit = 3): string[] {
  const moved = kpis
    .filter(
      (k): k is KpiResult & { value: number; previous: number; delta: number } =>
        k.value != null && k.previous != null && k.delta != null && k.delta !== 0,
    )
    .map((k) => ({
      k,
      weight: Math.abs(k.delta) / Math.max(Math.abs(k.target - k.redAt), 1),
      order: KPI_KEYS.indexOf(k.key),
    }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, limit);
  const hasPrevious = kpis.some((k) => k.previous != null);
  const lines = moved.map(({ k }) => {
    const d = k.driver;
    const driver =
      d && k.good === false ? `, driven by ${d.what} at ${d.label} (${d.count} of ${d.of})` : "";
    return `${movement(k)}${driver}.`;
  });
  if (lines.length === 0)
    lines.push(
      hasPrevious
        ? "No KPI moved since the previous month."
        : "First scorecard for this client: no previous month to compare.",
    );
  const red = KPI_KEYS.filter((key) => kpis.some((k) => k.key === key && k.rag === "red")).map(
    (key) => KPI_DEFS[key].label,
  );
  if (red.length) lines.push(`Below contract: ${red.join(", ")}.`);
  return lines;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 of the snapshot's content in canonical JSON: equal content, equal hash, whatever the key order. */
export function contentHash(content: {
  clientId: string;
  month: string;
  kpis: readonly KpiResult[];
  summary: readonly string[];
}): string {
  return createHash("sha256").update(canonical(content)).digest("hex");
}

/** "2026-10" → the month's first and next month's first day (UTC dates). */
export function monthBounds(month: string): { start: string; end: string; key: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, "0");
  const next = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  return { key: `${month}-01`, start: `${month}-01T00:00:00Z`, end: `${next}-01T00:00:00Z` };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The month `now` falls in, "YYYY-MM" (UTC). */
export const monthOf = (now: Date) => now.toISOString().slice(0, 7);
