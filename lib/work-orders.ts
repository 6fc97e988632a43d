/** Work-order vocabulary and lifecycle shared by the browser and the server (vendors.md). */
export const WORK_ORDER_STATUSES = [
  "new",
  "assigned",
  "accepted",
  "in_progress",
  "on_hold",
  "completed",
  "verified",
  "cancelled",
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  new: "New",
  assigned: "Assigned",
  accepted: "Accepted",
  in_progress: "In progress",
  on_hold: "On hold",
  completed: "Completed",
  verified: "Verified",
  cancelled: "Cancelled",
};

/** Orders still being worked: listed as open, can be reassigned or cancelled. */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  "new",
  "assigned",
  "accepted",
  "in_progress",
  "on_hold",
];

export const WORK_ORDER_CATEGORIES = [
  "hvac",
  "electrical",
  "plumbing",
  "locks",
  "access_control",
  "cctv",
  "fire_safety",
  "cleaning",
  "general",
] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];

export const WORK_ORDER_CATEGORY_LABELS: Record<WorkOrderCategory, string> = {
  hvac: "HVAC",
  electrical: "Electrical",
  plumbing: "Plumbing",
  locks: "Locks",
  access_control: "Access control",
  cctv: "CCTV",
  fire_safety: "Fire safety",
  cleaning: "Cleaning",
  general: "General",
};

export const WORK_ORDER_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const RANKING_MIN_ORDERS = 5;
/** Vendor score weights (vendors.md): SLA 40 %, time 30 %, quality 20 %, rework 10 %. */
export const VENDOR_SCORE_WEIGHTS = { sla: 0.4, time: 0.3, quality: 0.2, rework: 0.1 } as const;
export const DEFAULT_PERIOD_DAYS = 90;

export const TOKEN_TTL_DAYS = 30;
export const REWORK_WINDOW_DAYS = 14;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type WorkOrderActor = "staff" | "vendor";
export type WorkOrderAction =
  | "assign"
  | "reassign"
  | "accept"
  | "start"
  | "resume"
  | "hold"
  | "complete"
  | "cancel"
  | "verify"
  | "send_back"
  | "reopen";

export type Transition = {
  to: WorkOrderStatus;
  action: WorkOrderAction;
  actors: readonly WorkOrderActor[];
};

const BOTH: readonly WorkOrderActor[] = ["vendor", "staff"];
const STAFF: readonly WorkOrderActor[] = ["staff"];
const cancel: Transition = { to: "cancelled", action: "cancel", actors: STAFF };
const reassign: Transition = { to: "assigned", action: "reassign", actors: STAFF };

/**
 * Every allowed status change. Staff may also record the vendor's own steps (a vendor who
 * phones in); vendors may only accept, start/resume, hold and complete. Reassigning an
 * `assigned` order changes the vendor, not the status, so it is not listed here: see
 * `canReassign`.
 */
export const TRANSITIONS: Record<WorkOrderStatus, readonly Transition[]> = {
  new: [{ to: "assigned", action: "assign", actors: STAFF }, cancel],
  assigned: [{ to: "accepted", action: "accept", actors: BOTH }, cancel],
  accepted: [{ to: "in_progress", action: "start", actors: BOTH }, reassign, cancel],
  in_progress: [
    { to: "on_hold", action: "hold", actors: BOTH },
    { to: "completed", action: "complete", actors: BOTH },
    reassign,
    cancel,
  ],
  on_hold: [{ to: "in_progress", action: "resume", actors: BOTH }, reassign, cancel],
  completed: [
    { to: "verified", action: "verify", actors: STAFF },
    { to: "in_progress", action: "send_back", actors: STAFF },
  ],
  verified: [{ to: "assigned", action: "reopen", actors: STAFF }],
  cancelled: [],
};

export function findTransition(from: WorkOrderStatus, to: WorkOrderStatus): Transition | null {
  return TRANSITIONS[from].find((t) => t.to === to) ?? null;
}

export function canTransition(
  from: WorkOrderStatus,
  to: WorkOrderStatus,
  actor: WorkOrderActor,
): boolean {
  return findTransition(from, to)?.actors.includes(actor) ?? false;
}

export function nextStatusesFor(status: WorkOrderStatus, actor: WorkOrderActor): WorkOrderStatus[] {
  return TRANSITIONS[status].filter((t) => t.actors.includes(actor)).map((t) => t.to);
}

/** Staff may give an open order (other than a new one, which is assigned) to another vendor. */
export function canReassign(status: WorkOrderStatus): boolean {
  return status !== "new" && OPEN_WORK_ORDER_STATUSES.includes(status);
}

export type TransitionEffect = {
  action: WorkOrderAction;
  /** A verified order reopened: flag it as rework of the same vendor's job. */
  isRework: boolean;
  /** Stamp `started_at` (first start only; a resume or send-back keeps the first). */
  setStarted: boolean;
  setCompleted: boolean;
  /** The completion no longer stands (sent back or reopened): clear it and its rating. */
  clearCompleted: boolean;
  /** The vendor's portal link should be revoked: the vendor is off the job. */
  revokeVendorLink: boolean;
};

/** What a valid status change implies for the row; null when the change is not allowed. */
export function transitionEffect(
  from: WorkOrderStatus,
  to: WorkOrderStatus,
): TransitionEffect | null {
  const t = findTransition(from, to);
  if (!t) return null;
  return {
    action: t.action,
    isRework: t.action === "reopen",
    setStarted: t.action === "start",
    setCompleted: t.action === "complete",
    clearCompleted: t.action === "send_back" || t.action === "reopen",
    revokeVendorLink: t.action === "cancel" || t.action === "reassign",
  };
}

/** A vendor may turn a job down until work starts; it goes back to the dispatcher as new. */
export function vendorMayDecline(status: WorkOrderStatus): boolean {
  return status === "assigned" || status === "accepted";
}

/** A vendor says "on my way" once the job is theirs and before (or between) work on site. */
export function vendorMayHeadOut(status: WorkOrderStatus): boolean {
  return status === "accepted" || status === "on_hold";
}

/** The vendor portal shows these orders read-only: nothing left for the vendor to do. */
export function isVendorReadOnly(status: WorkOrderStatus): boolean {
  return status === "completed" || status === "verified" || status === "cancelled";
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new order at the same site and category created within 14 days after an earlier one was
 * verified is a possible rework; the requester confirms.
 */
export function isPossibleRework(
  earlier: { siteId: string; category: WorkOrderCategory; verifiedAt: Date | null },
  created: { siteId: string; category: WorkOrderCategory; createdAt: Date },
): boolean {
  if (!earlier.verifiedAt) return false;
  if (earlier.siteId !== created.siteId || earlier.category !== created.category) return false;
  const gap = created.createdAt.getTime() - earlier.verifiedAt.getTime();
  return gap >= 0 && gap <= REWORK_WINDOW_DAYS * DAY_MS;
}
