import "server-only";
import { sql } from "drizzle-orm";
import { shiftState, type FindingKind, type LocationVerdict, type ShiftState } from "@/lib/shifts";
import { localClock } from "./schedule";

/** What a shift is, as read and as shown. */
type ShiftCore = {
  id: string;
  siteId: string;
  postId: string;
  postName: string;
  guardId: string | null;
  guardName: string | null;
  startsAt: Date;
  endsAt: Date;
};

/** A shift as every view shows it (board, week, list, detail, CSV, the guard's own). */
export type BoardRow = ShiftCore & {
  localStart: string;
  localEnd: string;
  state: ShiftState;
  checkedInAt: Date | null;
  checkedInLocal: string | null;
  checkInVerdict: LocationVerdict | null;
  distanceM: number | null;
  checkedOutAt: Date | null;
  confirmed: boolean;
  excuseReason: string | null;
  findings: { kind: FindingKind; alertId: string | null; previousKind: FindingKind | null }[];
  /** minutes past the start of the first check-in (negative: early) */
  minutesLate: number | null;
  earlyMinutes: number | null;
};

export type RawShift = ShiftCore & {
  status: "scheduled" | "cancelled";
  confirmedAt: Date | null;
  excusedAt: Date | null;
  excuseReason: string | null;
  checkedInAt: Date | null;
  checkInVerdict: LocationVerdict | null;
  checkInDistanceM: number | null;
  checkedOutAt: Date | null;
  lastVerdict: LocationVerdict | null;
  findings:
    { kind: FindingKind; alertId: string | null; previousKind: FindingKind | null }[] | null;
  earlyMinutes: number | null;
};

const asDate = (v: unknown) => (v == null ? null : new Date(v as string));

/** The columns every shift view reads, over `shifts sh` joined to `posts p` and `users u`. */
export const SHIFT_COLUMNS = sql`
  sh.id, sh.site_id as "siteId", sh.post_id as "postId", p.name as "postName",
  sh.guard_id as "guardId", u.name as "guardName", sh.starts_at as "startsAt", sh.ends_at as "endsAt",
  sh.status, sh.confirmed_at as "confirmedAt", sh.excused_at as "excusedAt",
  sh.excuse_reason as "excuseReason", sh.checked_in_at as "checkedInAt",
  sh.check_in_verdict as "checkInVerdict", sh.check_in_distance_m as "checkInDistanceM",
  sh.checked_out_at as "checkedOutAt", sh.last_verdict as "lastVerdict",
  (select jsonb_agg(jsonb_build_object('kind', f.kind, 'alertId', f.alert_id, 'previousKind', f.previous_kind) order by f.detected_at)
    from shift_findings f where f.shift_id = sh.id) as findings,
  (select max(e.early_minutes) from attendance_events e where e.shift_id = sh.id and e.kind = 'check_in') as "earlyMinutes"`;

/** What a shift's state is read from: a raw row, or the board's lighter triage row. */
export type StateColumns = Pick<
  RawShift,
  "startsAt" | "endsAt" | "status" | "excusedAt" | "checkedInAt" | "checkedOutAt" | "lastVerdict"
> & { findings: { kind: FindingKind }[] | null };

/** The columns `StateColumns` reads, over `shifts sh` (the board's triage of every site). */
export const STATE_COLUMNS = sql`
  sh.starts_at as "startsAt", sh.ends_at as "endsAt", sh.status, sh.excused_at as "excusedAt",
  sh.checked_in_at as "checkedInAt", sh.checked_out_at as "checkedOutAt", sh.last_verdict as "lastVerdict",
  (select jsonb_agg(jsonb_build_object('kind', f.kind)) from shift_findings f where f.shift_id = sh.id) as findings`;

/** A raw shift's state at `now` (lib/shifts `shiftState`). */
export function rowState(r: StateColumns, now: Date): ShiftState {
  return shiftState(
    {
      startsAt: new Date(r.startsAt),
      endsAt: new Date(r.endsAt),
      cancelled: r.status === "cancelled",
      excused: r.excusedAt != null,
      checkedInAt: asDate(r.checkedInAt),
      checkedOutAt: asDate(r.checkedOutAt),
      lastVerdict: r.lastVerdict,
      findings: (r.findings ?? []).map((f) => f.kind),
    },
    now,
  );
}

/** A raw shift row as the board shows it at `now`, in its site's time zone. */
export function toBoardRow(r: RawShift, timeZone: string, now: Date): BoardRow {
  const startsAt = new Date(r.startsAt);
  const endsAt = new Date(r.endsAt);
  const checkedInAt = asDate(r.checkedInAt);
  const checkedOutAt = asDate(r.checkedOutAt);
  const findings = r.findings ?? [];
  return {
    id: r.id,
    siteId: r.siteId,
    postId: r.postId,
    postName: r.postName,
    guardId: r.guardId,
    guardName: r.guardName,
    startsAt,
    endsAt,
    localStart: localClock(timeZone, startsAt),
    localEnd: localClock(timeZone, endsAt),
    state: rowState(r, now),
    checkedInAt,
    checkedInLocal: checkedInAt ? localClock(timeZone, checkedInAt) : null,
    checkInVerdict: r.checkInVerdict,
    distanceM: r.checkInDistanceM,
    checkedOutAt,
    confirmed: r.confirmedAt != null,
    excuseReason: r.excuseReason,
    findings,
    minutesLate: checkedInAt
      ? Math.floor((checkedInAt.getTime() - startsAt.getTime()) / 60_000)
      : null,
    earlyMinutes: r.earlyMinutes,
  };
}
