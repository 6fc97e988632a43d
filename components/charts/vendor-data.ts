import type { Tone } from "@/components/ui/badge";
import { VENDOR_SCORE_WEIGHTS } from "@/lib/work-orders";

/** Pure mappers from the vendor queries to what the vendors page and its charts draw. */

export const COMPONENTS = ["sla", "time", "quality", "rework"] as const;
export type ComponentKey = (typeof COMPONENTS)[number];

export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  sla: "SLA",
  time: "Time",
  quality: "Quality",
  rework: "Rework",
};

export const COMPONENT_COLOURS: Record<ComponentKey, string> = {
  sla: "#0369a1",
  time: "#7c3aed",
  quality: "#059669",
  rework: "#d97706",
};

/** "SLA 40%" */
export const componentHeading = (key: ComponentKey) =>
  `${COMPONENT_LABELS[key]} ${Math.round(VENDOR_SCORE_WEIGHTS[key] * 100)}%`;

/** "82 ± 9", or "—" with no score. */
export function scoreText(overall: number | null, uncertainty: number): string {
  if (overall === null) return "—";
  return `${Math.round(overall)} ± ${Math.round(uncertainty)}`;
}

/** Green from 80, amber from 60, red below: a hint beside the number, never alone. */
export function scoreTone(overall: number | null): Tone {
  if (overall === null) return "slate";
  return overall >= 80 ? "green" : overall >= 60 ? "amber" : "red";
}

export type RankChangeView = {
  text: string;
  label: string;
  direction: "up" | "down" | "same" | "new";
};

/** Places moved since the previous period: "▲ 3", "▼ 1", "=" or "new". */
export function changeView(change: { rank: number; score: number | null } | null): RankChangeView {
  if (!change) return { text: "new", label: "New this period", direction: "new" };
  const score =
    change.score === null ? "" : `, score ${change.score > 0 ? "+" : ""}${change.score}`;
  if (change.rank > 0)
    return {
      text: `▲ ${change.rank}`,
      label: `Up ${change.rank} place${change.rank === 1 ? "" : "s"}${score}`,
      direction: "up",
    };
  if (change.rank < 0)
    return {
      text: `▼ ${-change.rank}`,
      label: `Down ${-change.rank} place${change.rank === -1 ? "" : "s"}${score}`,
      direction: "down",
    };
  return { text: "=", label: `Same place${score}`, direction: "same" };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03" → "Mar 26". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return y && m ? `${MONTHS[m - 1] ?? ""} ${String(y).slice(2)}` : month;
}

type Components = Record<ComponentKey, number | null>;
export type TrendMonth = {
  month: string;
  orders: number;
  tenantOverall: number | null;
  score: {
    overall: number | null;
    low: number | null;
    high: number | null;
    components: Components;
  } | null;
};

/** One point per month; a month without orders has no vendor values (a gap in the lines). */
export function trendData(months: readonly TrendMonth[]) {
  return months.map((m) => ({
    month: m.month,
    label: monthLabel(m.month),
    orders: m.orders,
    overall: m.score?.overall ?? null,
    band:
      m.score && m.score.low !== null && m.score.high !== null ? [m.score.low, m.score.high] : null,
    tenant: m.tenantOverall,
    sla: m.score?.components.sla ?? null,
    time: m.score?.components.time ?? null,
    quality: m.score?.components.quality ?? null,
    rework: m.score?.components.rework ?? null,
  }));
}

/** A sentence for screen readers and the chart's caption. */
export function trendSummary(months: readonly TrendMonth[]): string {
  const scored = months.filter((m) => m.score?.overall !== null && m.score !== null);
  if (!scored.length) return `No completed orders in the last ${months.length} months.`;
  const first = scored[0];
  const last = scored[scored.length - 1];
  const orders = months.reduce((s, m) => s + m.orders, 0);
  const fmt = (m: TrendMonth | undefined) => Math.round(m?.score?.overall ?? 0);
  return scored.length === 1
    ? `${orders} orders; scored ${fmt(last)} in ${monthLabel(last?.month ?? "")}.`
    : `${orders} orders over ${months.length} months; from ${fmt(first)} in ${monthLabel(first?.month ?? "")} to ${fmt(last)} in ${monthLabel(last?.month ?? "")}.`;
}

export type DocumentState = "expired" | "soon" | "valid";
export const SOON_DAYS = 30;

/** Expired before today; "soon" within 30 days (amber), compared as ISO dates. */
export function documentState(expiresOn: string, today: string): DocumentState {
  if (expiresOn < today) return "expired";
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + SOON_DAYS);
  return expiresOn <= soon.toISOString().slice(0, 10) ? "soon" : "valid";
}
