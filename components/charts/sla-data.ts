import type { Tone } from "@/components/ui/badge";
import { formatCountdownSpan } from "@/lib/countdown";
import { formatDay } from "@/lib/format";
import type { RiskFactor } from "@/lib/sla";

/**
 * Pure mappers from the SLA page's query results to what its charts and badges draw.
 * Percentages are 0–100 numbers here; probabilities stay 0–1 as the server sends them.
 */

/** "2026-11-03" → "3 Nov", without going through a time zone. */
export const dayLabel = formatDay;

export const bandLabel = (band: number) => `${band * 10}–${band * 10 + 10}%`;

export type RiskLevel = "at risk" | "watch" | "low" | "not scored";

/** ≥ 0.7 at risk (red: the NOC alert threshold), 0.5–0.7 watch (amber), below that low. */
export function riskLevel(p: number | null | undefined): { level: RiskLevel; tone: Tone } {
  if (p === null || p === undefined) return { level: "not scored", tone: "slate" };
  if (p >= 0.7) return { level: "at risk", tone: "red" };
  if (p >= 0.5) return { level: "watch", tone: "amber" };
  return { level: "low", tone: "green" };
}

export const RISK_COLOURS: Record<RiskLevel, string> = {
  "at risk": "#dc2626",
  watch: "#d97706",
  low: "#0284c7",
  "not scored": "#94a3b8",
};

/** Ten bins 0–10 % … 90–100 %, zero-filled, each coloured by the risk level it falls in. */
export function distributionData(rows: readonly { bin: number; n: number }[]) {
  return Array.from({ length: 10 }, (_, bin) => {
    const n = rows.filter((r) => r.bin === bin).reduce((s, r) => s + r.n, 0);
    const level = riskLevel(bin / 10).level;
    return { bin, label: bandLabel(bin), n, level, colour: RISK_COLOURS[level] };
  });
}

export function dailyData(
  rows: readonly { day: string; breaches: number; resolved: number; metPct: number | null }[],
) {
  return rows.map((r) => ({ ...r, label: dayLabel(r.day) }));
}

export function escalationData(rows: readonly { day: string; n: number }[]) {
  return rows.map((r) => ({ ...r, label: dayLabel(r.day) }));
}

/**
 * A name as at most two lines of about `width` characters for a chart axis, broken at spaces;
 * only a name longer than two lines ends in "…" (the tooltip has it whole).
 */
export function wrapLabel(name: string, width = 18): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of name.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const cut = (l: string) => (l.length > width ? `${l.slice(0, width - 1)}…` : l);
  if (lines.length <= 2) return lines.map(cut);
  return [cut(lines[0] ?? ""), `${(lines[1] ?? "").slice(0, width - 1)}…`];
}

/** Per client, worst first; `belowTarget` when a contract target exists and is missed. */
export function perClientData(
  rows: readonly { client: string; resolved: number; metPct: number; target: number | null }[],
) {
  return [...rows]
    .sort((a, b) => a.metPct - b.metPct || a.client.localeCompare(b.client))
    .map((r) => ({
      ...r,
      belowTarget: r.target !== null && r.metPct < r.target,
      lines: wrapLabel(r.client),
    }));
}

/** A calibration band with fewer predictions than this is shown as too thin to judge. */
export const MIN_CALIBRATION_N = 10;

/**
 * Calibration points (mean predicted vs share actually breached, in %), bands without
 * predictions left out, and how many predictions stand behind the chart. A band with fewer
 * than MIN_CALIBRATION_N predictions is `sparse`: drawn apart (hollow, labelled), kept off the
 * line and out of the "off by more than 15 points" share, which it would swing on its own.
 */
export function calibrationData(
  rows: readonly { band: number; n: number; predicted: number; actual: number }[],
) {
  const points = rows
    .filter((r) => r.n > 0)
    .sort((a, b) => a.band - b.band)
    .map((r) => {
      const actual = Math.round(r.actual * 1000) / 10;
      const sparse = r.n < MIN_CALIBRATION_N;
      return {
        band: r.band,
        label: bandLabel(r.band),
        n: r.n,
        predicted: Math.round(r.predicted * 1000) / 10,
        actual,
        sparse,
        /** the value on the line (solid points), or null for a sparse band */
        solid: sparse ? null : actual,
        /** the value as a hollow marker, or null for a band with enough predictions */
        thin: sparse ? actual : null,
      };
    });
  const total = points.reduce((s, p) => s + p.n, 0);
  const judged = points.filter((p) => !p.sparse);
  const judgedTotal = judged.reduce((s, p) => s + p.n, 0);
  // the share of (judged) predictions whose band missed reality by more than 15 points
  const off = judged
    .filter((p) => Math.abs(p.actual - p.predicted) > 15)
    .reduce((s, p) => s + p.n, 0);
  return {
    points,
    total,
    sparseBands: points.length - judged.length,
    offShare: judgedTotal ? off / judgedTotal : null,
  };
}

/**
 * The probability history as chart points. Runs write a row only when the probability moved,
 * so each value holds until the next row: `until` (the latest run, or when the ticket closed)
 * extends the last value to the present so the line does not stop at the last change.
 */
export function historyData(
  rows: readonly { at: Date; probability: number }[],
  until?: Date | null,
) {
  const points = rows
    .map((r) => ({ t: r.at.getTime(), p: Math.round(r.probability * 1000) / 10 }))
    .sort((a, b) => a.t - b.t);
  const last = points.at(-1);
  if (last && until && until.getTime() > last.t) points.push({ t: until.getTime(), p: last.p });
  return points;
}

export type Countdown = {
  text: string;
  state: "breached" | "soon" | "running" | "paused" | "none";
};

/**
 * The live countdown to a ticket's resolution due time: "1 h 05 min left", "4 min 07 s left",
 * "breached 12 min ago" (seconds only in the last minutes: lib/countdown.ts), or "paused" while the clock waits on the customer.
 */
export function countdown(
  dueAt: Date | null,
  now: number,
  pausedSince: Date | null = null,
): Countdown {
  if (pausedSince) return { text: "paused", state: "paused" };
  if (!dueAt) return { text: "no due time", state: "none" };
  const left = dueAt.getTime() - now;
  if (left <= 0) return { text: `breached ${formatCountdownSpan(left)} ago`, state: "breached" };
  return {
    text: `${formatCountdownSpan(left)} left`,
    state: left < 3_600_000 ? "soon" : "running",
  };
}

/**
 * Whether a listed ticket reads as breached at the browser's `now`: the server said so when it
 * listed it, or its running clock has passed the due time since (null `now`: not yet known).
 */
export function breachedNow(
  r: { breached: boolean; dueAt: Date | null; pausedSince: Date | null },
  now: number | null,
): boolean {
  if (r.breached) return true;
  return now !== null && !r.pausedSince && r.dueAt !== null && r.dueAt.getTime() <= now;
}

/** Factors of a ticket that breached after they were read: time left and share used say so. */
export function factorsOnceBreached(factors: readonly RiskFactor[]): RiskFactor[] {
  return factors.flatMap((f) =>
    f.key === "left"
      ? [{ ...f, label: "Past the resolution target" }]
      : f.key === "used"
        ? [{ ...f, label: "100% or more of the SLA used" }]
        : [f],
  );
}

/** The top factors in short, for a table cell: "80% of the SLA used · Nobody assigned". */
export function factorSummary(factors: readonly RiskFactor[] | null | undefined, n = 2): string {
  if (!factors?.length) return "—";
  return [...factors]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, n)
    .map((f) => f.label)
    .join(" · ");
}

/** Factors, heaviest first, with each one's share of the heaviest (for bar widths). */
export function factorBars(factors: readonly RiskFactor[] | null | undefined) {
  const sorted = [...(factors ?? [])].sort((a, b) => b.weight - a.weight);
  const max = Math.max(1e-9, ...sorted.map((f) => f.weight));
  return sorted.map((f) => ({ ...f, share: f.weight / max }));
}

/** AFINN comparative score in words (about −5…5; ±0.05 counts as neutral). */
export function sentimentLabel(score: number): { label: string; tone: Tone } {
  if (score <= -0.05) return { label: "negative", tone: "red" };
  if (score >= 0.05) return { label: "positive", tone: "green" };
  return { label: "neutral", tone: "slate" };
}
