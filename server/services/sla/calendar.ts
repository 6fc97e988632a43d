import { TZDate } from "@date-fns/tz";

/** When SLA time passes: always, or in business hours of a time zone minus holidays. */
export type SlaCalendar =
  | { kind: "24x7" }
  | {
      kind: "business";
      timeZone: string;
      /** weekdays 0 = Sunday … 6 = Saturday */
      days: number[];
      /** local opening and closing time, "HH:MM" */
      open: string;
      close: string;
      /** local dates "YYYY-MM-DD" with no business hours */
      holidays: string[];
    };

export const DEFAULT_BUSINESS_HOURS = { days: [1, 2, 3, 4, 5], open: "08:00", close: "18:00" };

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

function hhmm(value: string, what: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`${what} must be HH:MM (24 h), not "${value}"`);
  return [Number(m[1]), Number(m[2])];
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new Error(`Unknown time zone "${timeZone}"`);
  }
}

/**
 * A calendar's working time over a range as sorted, disjoint UTC intervals with the working
 * minutes before each, so any number of clocks on the calendar are answered by binary search
 * (the time-zone arithmetic is done once, when the timeline is built).
 */
export class WorkingTimeline {
  private constructor(
    readonly from: Date,
    readonly to: Date,
    private readonly starts: number[],
    private readonly ends: number[],
    /** working minutes before interval i */
    private readonly cum: number[],
  ) {}

  static build(calendar: SlaCalendar, from: Date, to: Date): WorkingTimeline {
    const a = from.getTime();
    const b = to.getTime();
    if (!(b > a)) throw new Error("A working timeline needs a range that ends after it starts");
    if (calendar.kind === "24x7") return new WorkingTimeline(from, to, [a], [b], [0]);

    assertTimeZone(calendar.timeZone);
    const [oh, om] = hhmm(calendar.open, "Opening time");
    const [ch, cm] = hhmm(calendar.close, "Closing time");
    if (oh * 60 + om >= ch * 60 + cm) throw new Error("Opening time must be before closing time");
    const days = new Set(calendar.days);
    const holidays = new Set(calendar.holidays);
    const starts: number[] = [];
    const ends: number[] = [];
    // walk the local calendar dates that touch the range (a day either side for offsets)
    const first = new TZDate(a - DAY_MS, calendar.timeZone);
    let y = first.getFullYear();
    let mo = first.getMonth();
    let d = first.getDate();
    for (let guard = 0; guard < 20_000; guard++) {
      const civil = new Date(Date.UTC(y, mo, d));
      y = civil.getUTCFullYear();
      mo = civil.getUTCMonth();
      d = civil.getUTCDate();
      const key = civil.toISOString().slice(0, 10);
      if (days.has(civil.getUTCDay()) && !holidays.has(key)) {
        const s = new TZDate(y, mo, d, oh, om, calendar.timeZone).getTime();
        const e = new TZDate(y, mo, d, ch, cm, calendar.timeZone).getTime();
        if (s > b) break;
        const cs = Math.max(s, a);
        const ce = Math.min(e, b);
        if (ce > cs) {
          starts.push(cs);
          ends.push(ce);
        }
      } else if (civil.getTime() > b + DAY_MS) break;
      d += 1;
    }
    const cum: number[] = [];
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      cum.push(total);
      total += ((ends[i] ?? 0) - (starts[i] ?? 0)) / MIN_MS;
    }
    return new WorkingTimeline(from, to, starts, ends, cum);
  }

  /** Working minutes in the whole range. */
  get total(): number {
    const n = this.starts.length;
    if (!n) return 0;
    return (this.cum[n - 1] ?? 0) + ((this.ends[n - 1] ?? 0) - (this.starts[n - 1] ?? 0)) / MIN_MS;
  }

  /** Index of the last interval starting at or before t, or -1. */
  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? Infinity) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Working minutes from the start of the range to `at` (clamped into the range). */
  minutesAt(at: Date): number {
    const t = at.getTime();
    const i = this.indexAt(t);
    if (i < 0) return 0;
    const s = this.starts[i] ?? 0;
    const e = this.ends[i] ?? 0;
    return (this.cum[i] ?? 0) + (Math.min(t, e) - s) / MIN_MS;
  }

  /** Working minutes between a and b (0 when b is not after a). */
  between(a: Date, b: Date): number {
    return b > a ? Math.max(0, this.minutesAt(b) - this.minutesAt(a)) : 0;
  }

  /** When `minutes` working minutes from the range start are reached; null past the range. */
  instantAt(minutes: number): Date | null {
    const n = this.starts.length;
    if (!n || minutes > this.total + 1e-9) return null;
    // the first interval whose end is at or past the target: a due time at closing stays there
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const endCum =
        (this.cum[mid] ?? 0) + ((this.ends[mid] ?? 0) - (this.starts[mid] ?? 0)) / MIN_MS;
      if (endCum >= minutes) hi = mid;
      else lo = mid + 1;
    }
    const offset = Math.max(0, minutes - (this.cum[lo] ?? 0));
    return new Date((this.starts[lo] ?? 0) + Math.round(offset * MIN_MS));
  }

  /** `start` plus `minutes` of working time; null past the range. */
  add(start: Date, minutes: number): Date | null {
    return this.instantAt(this.minutesAt(start) + minutes);
  }

  isWorking(at: Date): boolean {
    const t = at.getTime();
    const i = this.indexAt(t);
    return i >= 0 && t < (this.ends[i] ?? 0);
  }

  /** Interval boundaries inside [a, b], for drawing spans. */
  boundaries(a: Date, b: Date): number[] {
    const out: number[] = [];
    const ta = a.getTime();
    const tb = b.getTime();
    for (let i = Math.max(0, this.indexAt(ta)); i < this.starts.length; i++) {
      const s = this.starts[i] ?? 0;
      const e = this.ends[i] ?? 0;
      if (s > tb) break;
      if (s > ta && s < tb) out.push(s);
      if (e > ta && e < tb) out.push(e);
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
