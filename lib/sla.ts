/** Helpdesk SLA vocabulary shared by the browser and the server (sla.md). */
export const TICKET_PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = [
  "open",
  "in_progress",
  "pending_customer",
  "resolved",
  "closed",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = [
  "open",
  "in_progress",
  "pending_customer",
];

export const TICKET_CATEGORIES = [
  "access",
  "alarm",
  "cctv",
  "guarding",
  "facilities",
  "it",
  "billing",
  "other",
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const SLA_CALENDARS = ["24x7", "business"] as const;
export type SlaCalendarKind = (typeof SLA_CALENDARS)[number];

/** Default targets in minutes, per priority, when a tenant has not set its own (sla.md). */
export const DEFAULT_SLA_TARGETS: Record<
  TicketPriority,
  { responseMinutes: number; resolutionMinutes: number; calendar: SlaCalendarKind }
> = {
  P1: { responseMinutes: 15, resolutionMinutes: 4 * 60, calendar: "24x7" },
  P2: { responseMinutes: 60, resolutionMinutes: 8 * 60, calendar: "24x7" },
  P3: { responseMinutes: 4 * 60, resolutionMinutes: 3 * 10 * 60, calendar: "business" },
  P4: { responseMinutes: 8 * 60, resolutionMinutes: 5 * 10 * 60, calendar: "business" },
};

/** Prediction and escalation rules (sla.md). */
export const SLA_RULES = {
  alertAt: 0.7,
  alertResolveBelow: 0.5,
  escalateAt: 0.8,
  predictEveryMinutes: 15,
  escalateEveryMinutes: 30,
} as const;

/** One level up: P4 → P3 → P2 → P1; P1 stays. */
export function raisedPriority(p: TicketPriority): TicketPriority {
  const i = TICKET_PRIORITIES.indexOf(p);
  return TICKET_PRIORITIES[Math.max(0, i - 1)] ?? "P1";
}

export type RiskFactor = { key: string; label: string; weight: number };

/** Which status may follow which (reopening a resolved or closed ticket is allowed). */
export const TICKET_NEXT_STATUSES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["in_progress", "pending_customer", "resolved"],
  in_progress: ["open", "pending_customer", "resolved"],
  pending_customer: ["open", "in_progress", "resolved"],
  resolved: ["closed", "open", "in_progress"],
  closed: ["open", "in_progress"],
};
export const canMoveTicket = (from: TicketStatus, to: TicketStatus) =>
  TICKET_NEXT_STATUSES[from].includes(to);
