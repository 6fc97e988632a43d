import "server-only";
import { type AlertType, type Severity, SEVERITY_POINTS } from "@/lib/noc";
import { wholeFactors } from "@/lib/score-parts";
import type { Tier } from "@/lib/tiers";
import { predictLogistic } from "../models/logistic";

/** What the heuristic looks at for one alert; gathered by the triage service in one query. */
export type ScoreInput = {
  type: AlertType;
  severity: Severity;
  siteCriticality: number; // 1–5
  clientTier: Tier;
  /** the hour at the site (0–23), in the site's own time zone */
  localHour: number;
  /** day of week at the site, 0 = Sunday */
  localDay: number;
  relatedLast24h: number; // other alerts at the same site in the last 24 h
  occurrences: number; // this alert's occurrence count (≥ 1)
  deviceHealth: number | null; // 0–100, null when no device
  slaHoursLeft: number | null; // time to the ticket's SLA due, null when no ticket
};

export type Factor = { key: string; label: string; points: number };
export type Score = { score: number; factors: Factor[] };

export { SEVERITY_POINTS };

/** How dangerous each type is in itself, before anything else is known. */
export const TYPE_RISK: Record<AlertType, number> = {
  FIRE_ALARM: 25,
  PANIC: 25,
  INTRUSION: 20,
  SECURITY_BREACH: 20,
  SLA_BREACH_RISK: 12,
  DEVICE_FAILURE: 10,
  GEOFENCE_VIOLATION: 8,
  SHIFT_NO_SHOW: 10,
  SHIFT_WRONG_SITE: 6,
  DEVICE_OFFLINE: 6,
  SHIFT_LATE: 3,
  TOUR_MISSED: 8,
  LOW_BATTERY: 2,
};

const TIER_POINTS: Record<Tier, number> = { none: 0, bronze: 1, silver: 3, gold: 5 };

/** Outside 07:00–19:00 or at a weekend, fewer people are on site to notice. */
export function isAfterHours(localHour: number, localDay: number): boolean {
  return localHour < 7 || localHour >= 19 || localDay === 0 || localDay === 6;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) and week day (0 = Sunday) at a site at an instant. */
export function localClock(timeZone: string, at: Date): { hour: number; day: number } {
  // building a DateTimeFormat costs far more than using one: keep one per zone
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hour: "numeric",
      hourCycle: "h23",
      weekday: "short",
    });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
    parts.find((p) => p.type === "weekday")?.value ?? "Sun",
  );
  return { hour, day: Math.max(0, day) };
}

/** Whether an instant falls after hours in a time zone (see isAfterHours). */
export function isAfterHoursAt(timeZone: string, at: Date): boolean {
  const { hour, day } = localClock(timeZone, at);
  return isAfterHours(hour, day);
}

/**
 * The heuristic priority score, 0–100, with the points each factor added, largest first.
 * Pure: the triage service gathers the inputs; the model uses the same features.
 */
export function heuristicScore(input: ScoreInput): Score {
  const f: Factor[] = [
    {
      key: "severity",
      label: `Severity ${input.severity}`,
      points: SEVERITY_POINTS[input.severity],
    },
    {
      key: "type",
      label: `${input.type.replaceAll("_", " ").toLowerCase()} risk`,
      points: TYPE_RISK[input.type],
    },
    {
      key: "site",
      label: `Site criticality ${input.siteCriticality}/5`,
      points: Math.max(0, Math.min(5, input.siteCriticality) - 1) * 2.5,
    },
    { key: "tier", label: `${input.clientTier} client`, points: TIER_POINTS[input.clientTier] },
    {
      key: "afterHours",
      label: "After hours at the site",
      points: isAfterHours(input.localHour, input.localDay) ? 5 : 0,
    },
    {
      key: "related",
      label:
        input.relatedLast24h >= RELATED_COUNT_CAP
          ? `${RELATED_COUNT_CAP}+ related alerts at the site in 24 h`
          : `${input.relatedLast24h} related alert${input.relatedLast24h === 1 ? "" : "s"} at the site in 24 h`,
      points: Math.min(10, input.relatedLast24h * 2),
    },
    {
      key: "occurrences",
      label: `Seen ${input.occurrences} time${input.occurrences === 1 ? "" : "s"}`,
      points: Math.min(6, Math.max(0, input.occurrences - 1) * 2),
    },
    {
      key: "device",
      label:
        input.deviceHealth === null
          ? "No device"
          : `Device health ${Math.round(input.deviceHealth)}`,
      points:
        input.deviceHealth === null
          ? 0
          : Math.round(((100 - Math.max(0, Math.min(100, input.deviceHealth))) / 100) * 6),
    },
    {
      key: "sla",
      label:
        input.slaHoursLeft === null
          ? "No ticket"
          : `SLA due in ${Math.max(0, input.slaHoursLeft).toFixed(1)} h`,
      points:
        input.slaHoursLeft === null
          ? 0
          : input.slaHoursLeft <= 0
            ? 8
            : input.slaHoursLeft < 1
              ? 6
              : input.slaHoursLeft < 4
                ? 3
                : 0,
    },
  ];
  const score = Math.max(0, Math.min(100, Math.round(f.reduce((s, x) => s + x.points, 0))));
  return { score, factors: wholeFactors(f, score) };
}

/** The model's features for an alert: the same signals, as numbers. */
/**
 * Triage counts a site's related alerts only this far: past 10 they add nothing to the score,
 * and counting every one made triage slower the more a site flooded (a panel firing 40 alerts
 * a second left each triage counting tens of thousands of rows).
 */
export const RELATED_COUNT_CAP = 100;

export function features(input: ScoreInput): number[] {
  return [
    SEVERITY_POINTS[input.severity] / 40,
    TYPE_RISK[input.type] / 25,
    input.siteCriticality / 5,
    TIER_POINTS[input.clientTier] / 5,
    isAfterHours(input.localHour, input.localDay) ? 1 : 0,
    Math.min(10, input.relatedLast24h) / 10,
    Math.min(10, input.occurrences) / 10,
    input.deviceHealth === null ? 0 : (100 - input.deviceHealth) / 100,
    input.slaHoursLeft === null
      ? 0
      : input.slaHoursLeft <= 0
        ? 1
        : Math.max(0, 1 - input.slaHoursLeft / 8),
  ];
}

export const FEATURE_LABELS = [
  "Severity",
  "Type risk",
  "Site criticality",
  "Client tier",
  "After hours",
  "Related alerts in 24 h",
  "Occurrences",
  "Device health",
  "SLA proximity",
] as const;

/** Scores with the tenant's model when one is usable, else with the heuristic. */
export function scoreWith(
  model: { version: number; model: Parameters<typeof predictLogistic>[0] } | null,
  input: ScoreInput,
): Score & { scoredBy: string } {
  if (!model) return { ...heuristicScore(input), scoredBy: "heuristic" };
  const { p, contributions } = predictLogistic(model.model, features(input));
  const score = Math.round(p * 100);
  const positive = contributions.map((c, i) => ({ c, i })).filter((x) => x.c > 0);
  // the model's baseline (its intercept) carries the score when no feature pushed it up
  const factors = positive.length
    ? wholeFactors(
        positive.map((x) => ({
          key: `f${x.i}`,
          label: FEATURE_LABELS[x.i] ?? `feature ${x.i}`,
          points: x.c,
        })),
        score,
      )
    : wholeFactors([{ key: "baseline", label: "Model baseline", points: score }], score);
  return { score, factors, scoredBy: `model v${model.version}` };
}
