import "server-only";
import { tzOffset } from "@date-fns/tz";

/**
 * Schedule maths: site-local days and times to UTC instants. Pure, unit-tested; the
 * materialisation's SQL (`localInstantSql`) computes the same instants.
 *
 * The one rule for local times that do not exist or exist twice:
 * - **spring-forward gap**: a start (or end) inside the gap is moved forward by the gap
 *   (02:30 on 8 March 2026 in New York is 03:30 EDT, 07:30Z);
 * - **fall-back overlap**: the earlier of the two instants is used (01:30 on 1 November 2026
 *   in New York is 01:30 EDT, 05:30Z, not 01:30 EST).
 * Ends are computed the same way, so a 22:00–06:00 night shift lasts 7 h across the spring
 * change and 9 h across the autumn one: the hours actually worked.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** "HH:MM" or "HH:MM:SS" → minutes after midnight. */
export function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/** "YYYY-MM-DD" + n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The calendar day it is at `at` in a time zone. */
export function localDay(timeZone: string, at: Date): string {
  return new Date(at.getTime() + tzOffset(timeZone, at) * MINUTE).toISOString().slice(0, 10);
}

/** The local wall-clock hour at `at` in a time zone. */
export function localHour(timeZone: string, at: Date): number {
  return new Date(at.getTime() + tzOffset(timeZone, at) * MINUTE).getUTCHours();
}

/**
 * The instant a site-local day and time stand for (`minutes` may pass midnight: 1,800 is
 * 06:00 the next day), by the gap/overlap rule above.
 */
export function localInstant(day: string, minutes: number, timeZone: string): Date {
  const naive = Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE;
  // the offsets a day either side: different only when a change falls near this time
  const before = tzOffset(timeZone, new Date(naive - DAY));
  const after = tzOffset(timeZone, new Date(naive + DAY));
  const valid = [before, after]
    .map((offset) => naive - offset * MINUTE)
    .filter((t) => naive - tzOffset(timeZone, new Date(t)) * MINUTE === t);
  // both: the overlap, take the earlier; none: the gap, read it with the offset before it
  if (!valid.length) return new Date(naive - before * MINUTE);
  return new Date(Math.min(...valid));
}

/** A shift's start and end for a template slot on a local day (an end before the start is the next day). */
export function shiftInstants(
  day: string,
  startTime: string,
  endTime: string,
  timeZone: string,
): { startsAt: Date; endsAt: Date } {
  const start = minutesOf(startTime);
  let end = minutesOf(endTime);
  if (end <= start) end += 24 * 60;
  return {
    startsAt: localInstant(day, start, timeZone),
    endsAt: localInstant(day, end, timeZone),
  };
}

/** The start minutes (after the local day's midnight) of a tour's rounds in its window. */
export function roundStarts(
  windowStart: string,
  windowEnd: string,
  everyMinutes: number,
): number[] {
  const from = minutesOf(windowStart);
  let to = minutesOf(windowEnd);
  if (to <= from) to += 24 * 60;
  const starts: number[] = [];
  for (let m = from; m < to; m += everyMinutes) starts.push(m);
  return starts;
}

/** "HH:MM" on the wall clock of a time zone at `at`. */
export function localClock(timeZone: string, at: Date): string {
  return new Date(at.getTime() + tzOffset(timeZone, at) * MINUTE).toISOString().slice(11, 16);
}

/** The instant a site-local day begins (its midnight, by the same rule). */
export function localMidnight(day: string, timeZone: string): Date {
  return localInstant(day, 0, timeZone);
}
