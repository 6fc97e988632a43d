/** NOC vocabulary shared by the browser and the server (noc.md). */
export const ALERT_TYPES = [
  "DEVICE_FAILURE",
  "DEVICE_OFFLINE",
  "LOW_BATTERY",
  "SECURITY_BREACH",
  "INTRUSION",
  "FIRE_ALARM",
  "PANIC",
  "SLA_BREACH_RISK",
  "GEOFENCE_VIOLATION",
  "SHIFT_NO_SHOW",
  "SHIFT_LATE",
  "SHIFT_WRONG_SITE",
  "TOUR_MISSED",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STATUSES = ["new", "acknowledged", "in_progress", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_SOURCES = ["device", "ticket", "shift", "api", "manual", "system"] as const;
export const RESOLUTIONS = ["manual", "auto", "duplicate", "false_alarm"] as const;

/** Life-safety types are never suppressed by a maintenance window. */
export const LIFE_SAFETY_TYPES: readonly AlertType[] = ["FIRE_ALARM", "PANIC"];

/** Minutes an alert of each severity may wait for acknowledgement (alarm age, first clock). */
export const TARGET_RESPONSE_MINUTES: Record<Severity, number> = {
  critical: 5,
  high: 10,
  medium: 30,
  low: 120,
  info: 480,
};

/** Points the heuristic gives a severity by itself (the score's first factor). */
export const SEVERITY_POINTS: Record<Severity, number> = {
  critical: 40,
  high: 28,
  medium: 16,
  low: 6,
  info: 0,
};

/** What triage wrote on an alert's `scoredBy` when the client's plan has no AI triage. */
export const NOT_IN_PLAN = "not in plan";

/** Where an alert stands with triage: scored, waiting for it, or outside the client's plan. */
export type TriageState = "scored" | "pending" | "not in plan";
export function triageState(a: { score: number | null; scoredBy: string | null }): TriageState {
  if (a.score !== null) return "scored";
  return a.scoredBy === NOT_IN_PLAN ? "not in plan" : "pending";
}

/**
 * The queue's rank, highest first (then oldest first). Alerts waiting for triage come first,
 * for seconds. A scored alert ranks by its score; an alert of a client without AI triage
 * ranks at its severity's own points, the least the heuristic gives any alert of that
 * severity, and after scored alerts of equal rank: a no-plan critical sits below every
 * heuristically scored critical and among the highs by score. Doubled so a scored alert
 * (odd) outranks an unscored one (even) at the same points. `queueRankSql` in the server's
 * queue query and its index compute the same.
 */
export function queueRank(a: {
  score: number | null;
  scoredBy: string | null;
  severity: Severity;
}): number {
  const state = triageState(a);
  if (state === "scored") return (a.score ?? 0) * 2 + 1;
  if (state === "not in plan") return SEVERITY_POINTS[a.severity] * 2;
  return QUEUE_RANK_PENDING;
}
export const QUEUE_RANK_PENDING = 1000;

export const ROUTE_THRESHOLD = 80;
export const ESCALATE_THRESHOLD = 90;

/** The severities each type usually arrives with (demo data and the demo simulator). */
export const TYPICAL_SEVERITIES: Record<AlertType, readonly Severity[]> = {
  DEVICE_FAILURE: ["high", "medium"],
  DEVICE_OFFLINE: ["medium", "low"],
  LOW_BATTERY: ["low", "info"],
  SECURITY_BREACH: ["high", "critical"],
  INTRUSION: ["high", "critical", "medium"],
  FIRE_ALARM: ["critical"],
  PANIC: ["critical"],
  SLA_BREACH_RISK: ["high", "medium"],
  GEOFENCE_VIOLATION: ["medium", "low"],
  SHIFT_NO_SHOW: ["high", "medium"],
  SHIFT_LATE: ["low"],
  SHIFT_WRONG_SITE: ["medium"],
  TOUR_MISSED: ["medium", "high"],
};

/** Days of resolved alerts a false-alarm rate looks back over (the closed loop, noc.md). */
export const FALSE_ALARM_WINDOW_DAYS = 30;
/** Resolved alerts a site needs in that window before its rate is ranked on the NOC page. */
export const FALSE_ALARM_MIN_RESOLVED = 5;
