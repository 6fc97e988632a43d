import "server-only";
import { SHIFT_RULES } from "@/lib/shifts";

/**
 * The detection rules (shifts.md) as pure functions of instants, unit-tested at their
 * thresholds. detect.ts applies the same rules in SQL, from the same SHIFT_RULES numbers.
 */
const MINUTE = 60_000;

/** Whole minutes from the start to the first check-in (negative when early). */
export function minutesAfterStart(startsAt: Date, at: Date): number {
  return Math.floor((at.getTime() - startsAt.getTime()) / MINUTE);
}

/** LATE: the first check-in more than 15 min after the start. */
export function isLate(startsAt: Date, firstCheckIn: Date): boolean {
  return firstCheckIn.getTime() - startsAt.getTime() > SHIFT_RULES.lateAfterMinutes * MINUTE;
}

/** NO_SHOW: the shift started 2 h ago or more and has no check-in. */
export function isNoShow(startsAt: Date, firstCheckIn: Date | null, now: Date): boolean {
  return (
    firstCheckIn === null &&
    now.getTime() - startsAt.getTime() >= SHIFT_RULES.noShowAfterMinutes * MINUTE
  );
}

/**
 * Minutes a check-in came before the early tolerance (30 min before the start), or null when
 * it is within it: a check-in 31 min early is flagged 1 min beyond, one 30 min early is not.
 */
export function earlyBeyondTolerance(startsAt: Date, at: Date): number | null {
  const early = startsAt.getTime() - at.getTime() - SHIFT_RULES.earlyToleranceMinutes * MINUTE;
  return early > 0 ? Math.ceil(early / MINUTE) : null;
}

/** Whether an attendance time may belong to a shift: from 2 h before its start to its end. */
export function withinAttachWindow(shift: { startsAt: Date; endsAt: Date }, at: Date): boolean {
  return (
    at.getTime() >= shift.startsAt.getTime() - SHIFT_RULES.attachBeforeMinutes * MINUTE &&
    at.getTime() <= shift.endsAt.getTime()
  );
}
