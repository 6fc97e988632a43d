/** Scorecard vocabulary shared by the browser and the server (scorecards.md). */

export const SCORECARD_SECTIONS = ["operational", "quality", "risk", "vendors"] as const;
export type ScorecardSection = (typeof SCORECARD_SECTIONS)[number];

export const SECTION_LABELS: Record<ScorecardSection, string> = {
  operational: "Operational excellence",
  quality: "Quality",
  risk: "Risk",
  vendors: "Vendors",
};

export type KpiUnit = "pct" | "count" | "minutes" | "days" | "score";

export type KpiDef = {
  section: ScorecardSection;
  label: string;
  unit: KpiUnit;
  /** whether a higher value is the good direction */
  higherIsBetter: boolean;
  /** default contract target, and where amber turns red (on the bad side of the target) */
  target: number;
  redAt: number;
  /** what the records behind the KPI are, for the drill-down */
  records: "shifts" | "tours" | "tickets" | "alerts" | "work_orders" | "devices" | "comments";
};

export const KPI_DEFS = {
  attendance_pct: {
    section: "operational",
    label: "Attendance compliance",
    unit: "pct",
    higherIsBetter: true,
    target: 95,
    redAt: 90,
    records: "shifts",
  },
  tour_coverage_pct: {
    section: "operational",
    label: "Tour coverage",
    unit: "pct",
    higherIsBetter: true,
    target: 95,
    redAt: 85,
    records: "tours",
  },
  sla_met_pct: {
    section: "operational",
    label: "SLA performance",
    unit: "pct",
    higherIsBetter: true,
    target: 95,
    redAt: 90,
    records: "tickets",
  },
  wo_backlog_open: {
    section: "operational",
    label: "Work order backlog",
    unit: "count",
    higherIsBetter: false,
    target: 10,
    redAt: 20,
    records: "work_orders",
  },
  wo_backlog_median_age_days: {
    section: "operational",
    label: "Backlog median age",
    unit: "days",
    higherIsBetter: false,
    target: 7,
    redAt: 14,
    records: "work_orders",
  },
  helpdesk_sentiment: {
    section: "quality",
    label: "Helpdesk sentiment",
    unit: "score",
    higherIsBetter: true,
    target: 55,
    redAt: 45,
    records: "comments",
  },
  noc_auto_resolution_pct: {
    section: "quality",
    label: "NOC auto-resolution",
    unit: "pct",
    higherIsBetter: true,
    target: 30,
    redAt: 15,
    records: "alerts",
  },
  device_uptime_pct: {
    section: "quality",
    label: "Device uptime",
    unit: "pct",
    higherIsBetter: true,
    target: 99,
    redAt: 97,
    records: "devices",
  },
  incident_response_minutes: {
    section: "quality",
    label: "Incident response time",
    unit: "minutes",
    higherIsBetter: false,
    target: 10,
    redAt: 20,
    records: "alerts",
  },
  geofence_violations: {
    section: "risk",
    label: "Geofence violations",
    unit: "count",
    higherIsBetter: false,
    target: 2,
    redAt: 5,
    records: "alerts",
  },
  sla_at_risk_peak: {
    section: "risk",
    label: "SLA at-risk tickets (peak)",
    unit: "count",
    higherIsBetter: false,
    target: 3,
    redAt: 8,
    records: "tickets",
  },
  sla_at_risk_month_end: {
    section: "risk",
    label: "SLA at-risk tickets (month end)",
    unit: "count",
    higherIsBetter: false,
    target: 1,
    redAt: 4,
    records: "tickets",
  },
  critical_security_events: {
    section: "risk",
    label: "Critical security events",
    unit: "count",
    higherIsBetter: false,
    target: 0,
    redAt: 3,
    records: "alerts",
  },
  vendor_score_avg: {
    section: "vendors",
    label: "Average vendor score",
    unit: "score",
    higherIsBetter: true,
    target: 75,
    redAt: 60,
    records: "work_orders",
  },
  wo_completed_late: {
    section: "vendors",
    label: "Work orders completed late",
    unit: "count",
    higherIsBetter: false,
    target: 2,
    redAt: 5,
    records: "work_orders",
  },
} as const satisfies Record<string, KpiDef>;

export type KpiKey = keyof typeof KPI_DEFS;
export const KPI_KEYS = Object.keys(KPI_DEFS) as KpiKey[];

export function isKpiKey(value: unknown): value is KpiKey {
  return typeof value === "string" && Object.hasOwn(KPI_DEFS, value);
}

export type Rag = "red" | "amber" | "green" | "none";
export type Direction = "up" | "down" | "flat";

/** Why a KPI has no number: its module is not built, or the client has nothing to measure. */
export type KpiStatus = "ok" | "not_tracked" | "no_data";

/** The biggest single contributor behind a KPI's value, for the "what changed" summary. */
export type KpiDriver = { label: string; count: number; of: number; what: string };

export type KpiResult = {
  key: KpiKey;
  status: KpiStatus;
  /** null unless status is "ok"; rounded to one decimal */
  value: number | null;
  /** shown instead of a value: "no shifts scheduled", "not tracked" */
  note: string | null;
  previous: number | null;
  delta: number | null;
  direction: Direction | null;
  /** whether the direction is the good one; null when flat or not comparable */
  good: boolean | null;
  target: number;
  redAt: number;
  rag: Rag;
  /** the counts the value was computed from */
  inputs: Record<string, number>;
  driver: KpiDriver | null;
  /** lists that are part of the KPI (top and bottom vendors) */
  details?: { top?: VendorRank[]; bottom?: VendorRank[] };
};

export type VendorRank = { vendorId: string; name: string; score: number; orders: number };

/** "2026-10" → true; the month's first day is the stored key. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
