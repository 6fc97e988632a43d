/** Shift compliance and guard tours vocabulary, shared by the browser and the server (shifts.md). */

/** The rules' numbers (shifts.md, "Detection" and "Beyond the usual tools"). */
export const SHIFT_RULES = {
  /** a first check-in more than this many minutes after the start is LATE */
  lateAfterMinutes: 15,
  /** a shift that started this long ago with no check-in is a NO_SHOW */
  noShowAfterMinutes: 120,
  /** check-ins up to this many minutes before the start are on time; earlier ones are flagged */
  earlyToleranceMinutes: 30,
  /** a check-in this long before the start (or later, up to the end) belongs to the shift */
  attachBeforeMinutes: 120,
  /** how far ahead the schedule is materialised, in the site's local days (today included) */
  horizonDays: 14,
  /** the local hour at which each site's schedule is rebuilt */
  rebuildLocalHour: 2,
  /** attendance sent with a time further ahead than this is refused (clock skew allowance) */
  futureSkewMinutes: 5,
  /** two shifts of a guard closer than this are back to back (a coverage risk) */
  backToBackMinutes: 60,
  /** the look-back for recent no-shows and late arrivals, compliance % and the no-show rate */
  historyDays: 30,
} as const;

/** The shift board's page: this many sites at a time, those needing attention first. */
export const BOARD_SITES_PER_PAGE = 10;

export const SHIFT_STATES = [
  "upcoming",
  "on_duty",
  "late",
  "no_show",
  "wrong_site",
  "uncertain",
  "completed",
  "excused",
  "cancelled",
] as const;
export type ShiftState = (typeof SHIFT_STATES)[number];

export const SHIFT_STATE_LABELS: Record<ShiftState, string> = {
  upcoming: "Upcoming",
  on_duty: "On duty",
  late: "Late",
  no_show: "No show",
  wrong_site: "Wrong site",
  uncertain: "Uncertain",
  completed: "Completed",
  excused: "Excused",
  cancelled: "Cancelled",
};

export const FINDING_KINDS = ["LATE", "NO_SHOW", "WRONG_SITE", "MISSED_CHECKPOINT"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const ATTENDANCE_KINDS = ["check_in", "check_out"] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

export const ATTENDANCE_METHODS = ["app", "nfc", "qr", "manual"] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/**
 * Where a fix puts the guard against the scheduled site's geofence: `on_site` (the accuracy
 * circle lies inside the fence), `uncertain` (it straddles the fence), `wrong_site` (it lies
 * outside: at another site, or outside every fence), `no_fix` (no position sent).
 */
export const LOCATION_VERDICTS = ["on_site", "uncertain", "wrong_site", "no_fix"] as const;
export type LocationVerdict = (typeof LOCATION_VERDICTS)[number];

/** ISO days of the week, 1 = Monday … 7 = Sunday (PostgreSQL's isodow). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WEEKDAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** What the board needs of a shift to say its state. */
export type ShiftFacts = {
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  excused: boolean;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** the verdict of the latest check-in or check-out with a fix */
  lastVerdict: LocationVerdict | null;
  findings: readonly FindingKind[];
};

/**
 * A shift's state on the board at `now`. One state each, in the order a manager must act on
 * them; the flags (late, early, uncertain) stay visible beside it on the board.
 */
export function shiftState(s: ShiftFacts, now: Date): ShiftState {
  if (s.cancelled) return "cancelled";
  if (s.excused) return "excused";
  const t = now.getTime();
  const started = t >= s.startsAt.getTime();
  if (!s.checkedInAt) {
    if (s.findings.includes("NO_SHOW")) return "no_show";
    if (!started) return "upcoming";
    if (t >= s.endsAt.getTime()) return "no_show";
    return t - s.startsAt.getTime() > SHIFT_RULES.lateAfterMinutes * 60_000 ? "late" : "upcoming";
  }
  if (s.findings.includes("WRONG_SITE") && !s.checkedOutAt) return "wrong_site";
  if (s.checkedOutAt || t >= s.endsAt.getTime()) return "completed";
  if (s.findings.includes("LATE")) return "late";
  if (s.lastVerdict === "uncertain") return "uncertain";
  return "on_duty";
}

/** Where a checkpoint's QR code points: the guard's scan page, with the checkpoint's token. */
export const CHECKPOINT_SCAN_PATH = "/me/shifts/scan";
export function checkpointScanPath(token: string): string {
  return `${CHECKPOINT_SCAN_PATH}/${encodeURIComponent(token)}`;
}

/** The states a manager must act on now: a site with any of them goes to the top of the board. */
export const ATTENTION_STATES: readonly ShiftState[] = [
  "no_show",
  "wrong_site",
  "late",
  "uncertain",
];

/** How many shifts are in each state, and how many nobody is assigned to. */
export function stateCounts(shifts: readonly { state: ShiftState; guardId: string | null }[]) {
  const counts = new Map<ShiftState, number>();
  let open = 0;
  for (const s of shifts) {
    counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
    if (!s.guardId) open++;
  }
  return { counts, open, total: shifts.length };
}
