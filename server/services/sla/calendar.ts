import "server-only";
import { tzOffset } from "@date-fns/tz";

/** When SLA time passes: always, or in business hours of a time zone minus holidays. */
export type SlaCalendar =
  | { kind: "24x7" }
  | {
      kind: "business";
      timeZone: string;
      /** weekdays 0 = Sunday … 6 = Saturday */
      days: number[];
      /** local opening and closing time, "HH:MM" ("24:00" allowed for closing) */
      open: string;
      close: string;
      /** local dates "YYYY-MM-DD" with no business hours */
      holidays: string[];
    };

export const DEFAULT_BUSINESS_HOURS = { days: [1, 2, 3, 4, 5], open: "08:00", close: "18:00" };

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
/** float slack when comparing minute counts (well under a millisecond) */
const EPS_MS = 1e-6;

/** "HH:MM" → minutes after local midnight. */
function wallMinutes(value: string, what: string, allowMidnightEnd: boolean): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  if (allowMidnightEnd && value === "24:00") return 24 * 60;
  throw new Error(`${what} must be a 24-hour "HH:MM" time, not "${value}"`);
}

/** "YYYY-MM-DD" → days since 1970-01-01. */
function civilDay(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [y, mo, d] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (!m || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    throw new Error(`A holiday must be a real "YYYY-MM-DD" date, not "${value}"`);
  return t / DAY_MS;
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new Error(`Unknown time zone "${timeZone}" (expected an IANA name like "Europe/London")`);
  }
}

/** Index of the last element ≤ t in an ascending array, or -1. */
function lastAtOrBefore(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= t) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/**
 * A zone's UTC offsets over a range, read from Intl once per day and bisected to the second
 * where they change, so local → UTC conversions afterwards are plain arithmetic.
 * Assumes a zone's offset does not change and change back within one day.
 */
class ZoneOffsets {
  private readonly changes: number[] = [];
  private readonly offsets: number[];

  constructor(timeZone: string, from: number, to: number) {
    const read = (t: number) => Math.round(tzOffset(timeZone, new Date(t)) * MIN_MS);
    const lo = Math.floor(from / 1000) * 1000;
    const hi = Math.ceil(to / 1000) * 1000;
    let prevT = lo;
    let prevO = read(lo);
    if (!Number.isFinite(prevO)) throw new Error(`Unknown time zone "${timeZone}"`);
    this.offsets = [prevO];
    for (let t = Math.min(lo + DAY_MS, hi); ; t = Math.min(t + DAY_MS, hi)) {
      const o = read(t);
      while (o !== prevO) {
        let l = prevT;
        let h = t;
        while (h - l > 1000) {
          const mid = l + Math.floor((h - l) / 2000) * 1000;
          if (read(mid) === prevO) l = mid;
          else h = mid;
        }
        prevT = h;
        prevO = read(h);
        this.changes.push(h);
        this.offsets.push(prevO);
      }
      prevT = t;
      if (t >= hi) break;
    }
  }

  /** offset (ms) in force at UTC instant t */
  at(t: number): number {
    return this.offsets[lastAtOrBefore(this.changes, t) + 1] ?? 0;
  }

  /**
   * The first instant at which the local wall clock reads `wall` (ms of a local date-time
   * taken as UTC) or later: the earlier one when clocks go back, the moment of the jump when
   * clocks go forward over it.
   */
  toUtc(wall: number): number {
    const early = this.at(wall - DAY_MS);
    const late = this.at(wall + DAY_MS);
    const tEarly = wall - early;
    const tLate = wall - late;
    const okEarly = this.at(tEarly) === early;
    const okLate = this.at(tLate) === late;
    if (okEarly && okLate) return Math.min(tEarly, tLate);
    if (okEarly) return tEarly;
    if (okLate) return tLate;
    return this.changes[lastAtOrBefore(this.changes, Math.min(tEarly, tLate)) + 1] ?? tEarly;
  }
}

/** Working intervals of a business calendar over [a, b), as sorted UTC ms pairs. */
function businessIntervals(
  calendar: Extract<SlaCalendar, { kind: "business" }>,
  a: number,
  b: number,
): [number[], number[]] {
  assertTimeZone(calendar.timeZone);
  const open = wallMinutes(calendar.open, "Opening time", false) * MIN_MS;
  const close = wallMinutes(calendar.close, "Closing time", true) * MIN_MS;
  if (open >= close)
    throw new Error(
      `Opening time must be before closing time (${calendar.open}–${calendar.close})`,
    );
  if (!calendar.days.length) throw new Error("A business calendar needs at least one working day");
  for (const d of calendar.days)
    if (!Number.isInteger(d) || d < 0 || d > 6)
      throw new Error(`Working days are 0 (Sunday) to 6 (Saturday), not ${d}`);
  const days = new Set(calendar.days);
  const holidays = new Set(calendar.holidays.map(civilDay));

  const zone = new ZoneOffsets(calendar.timeZone, a - 3 * DAY_MS, b + 4 * DAY_MS);
  const firstDay = Math.floor((a + zone.at(a)) / DAY_MS) - 1;
  const lastDay = Math.floor((b + zone.at(b)) / DAY_MS) + 1;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (!days.has((((day + 4) % 7) + 7) % 7) || holidays.has(day)) continue; // 1970-01-01: Thu
    const s = Math.max(a, zone.toUtc(day * DAY_MS + open));
    const e = Math.min(b, zone.toUtc(day * DAY_MS + close));
    if (e <= s) continue;
    const last = ends.length - 1;
    if (last >= 0 && (ends[last] ?? -Infinity) >= s) ends[last] = Math.max(ends[last] ?? e, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  return [starts, ends];
}

/**
 * A calendar's working time over [from, to) as sorted, disjoint UTC intervals with the working
 * time before each, so any number of clocks on the calendar are answered by binary search (the
 * time-zone work is done once, when the timeline is built). Minutes are fractional.
 */
export class WorkingTimeline {
  private constructor(
    readonly from: Date,
    readonly to: Date,
    private readonly starts: number[],
    private readonly ends: number[],
    /** working ms before interval i */
    private readonly cum: number[],
  ) {}

  static build(calendar: SlaCalendar, from: Date, to: Date): WorkingTimeline {
    const a = from.getTime();
    const b = to.getTime();
    if (!Number.isFinite(a) || !Number.isFinite(b) || b <= a)
      throw new Error("A working timeline needs a valid range that ends after it starts");
    const [starts, ends] =
      calendar.kind === "24x7" ? [[a], [b]] : businessIntervals(calendar, a, b);
    const cum: number[] = [];
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      cum.push(total);
      total += (ends[i] ?? 0) - (starts[i] ?? 0);
    }
    cum.push(total);
    return new WorkingTimeline(new Date(a), new Date(b), starts, ends, cum);
  }

  /** Working minutes in the whole range. */
  get totalMinutes(): number {
    return (this.cum[this.starts.length] ?? 0) / MIN_MS;
  }

  private msAt(t: number): number {
    const i = lastAtOrBefore(this.starts, t);
    if (i < 0) return 0;
    const s = this.starts[i] ?? 0;
    return (this.cum[i] ?? 0) + Math.min(t, this.ends[i] ?? s) - s;
  }

  /** Working minutes from the start of the range to `at` (clamped into the range). */
  minutesAt(at: Date): number {
    return this.msAt(at.getTime()) / MIN_MS;
  }

  /** Working minutes between a and b (0 when b is not after a). */
  between(a: Date, b: Date): number {
    return b > a ? (this.msAt(b.getTime()) - this.msAt(a.getTime())) / MIN_MS : 0;
  }

  /**
   * The earliest instant by which `minutes` working minutes from the range start have passed:
   * a count reached exactly at a closing time is reached at that closing, not the next
   * opening. The range start for 0 or less; null when the range holds fewer minutes.
   */
  instantAt(minutes: number): Date | null {
    if (Number.isNaN(minutes)) return null;
    const target = minutes * MIN_MS;
    if (target <= 0) return new Date(this.from);
    const n = this.starts.length;
    if (target > (this.cum[n] ?? 0) + EPS_MS) return null;
    // the first interval whose end has reached the target
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cum[mid + 1] ?? 0) >= target - EPS_MS) hi = mid;
      else lo = mid + 1;
    }
    const s = this.starts[lo] ?? 0;
    const e = this.ends[lo] ?? s;
    return new Date(Math.min(e, s + Math.max(0, Math.round(target - (this.cum[lo] ?? 0)))));
  }

  /**
   * The earliest instant at or after `start` by which `minutes` working minutes after `start`
   * have passed (`start` itself for 0); null past the range.
   */
  add(start: Date, minutes: number): Date | null {
    if (!Number.isFinite(minutes) || minutes < 0)
      throw new Error(`Working minutes to add must be a non-negative number, not ${minutes}`);
    const t = start.getTime();
    const reached = this.instantAt((this.msAt(t) + minutes * MIN_MS) / MIN_MS);
    if (!reached) return null;
    const out = Math.max(t, reached.getTime());
    return out > this.to.getTime() ? null : new Date(out);
  }

  isWorking(at: Date): boolean {
    const t = at.getTime();
    const i = lastAtOrBefore(this.starts, t);
    return i >= 0 && t < (this.ends[i] ?? 0);
  }

  /** The working intervals inside [a, b], clipped to it. */
  workingIntervals(a: Date, b: Date): { from: Date; to: Date }[] {
    const out: { from: Date; to: Date }[] = [];
    const ta = a.getTime();
    const tb = b.getTime();
    for (let i = Math.max(0, lastAtOrBefore(this.starts, ta)); i < this.starts.length; i++) {
      const s = Math.max(ta, this.starts[i] ?? 0);
      const e = Math.min(tb, this.ends[i] ?? 0);
      if (s >= tb) break;
      if (e > s) out.push({ from: new Date(s), to: new Date(e) });
    }
    return out;
  }
}

/** One timeline per distinct calendar over a shared range: what a batch of clocks needs. */
export class TimelineCache {
  private readonly byCalendar = new Map<string, WorkingTimeline>();
  constructor(private readonly range: { from: Date; to: Date }) {}

  get(calendar: SlaCalendar): WorkingTimeline {
    const key = calendar.kind === "24x7" ? "24x7" : JSON.stringify(calendar);
    let timeline = this.byCalendar.get(key);
    if (!timeline) {
      timeline = WorkingTimeline.build(calendar, this.range.from, this.range.to);
      this.byCalendar.set(key, timeline);
    }
    return timeline;
  }
}
