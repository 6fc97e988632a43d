import "server-only";
import { WorkingTimeline, type SlaCalendar } from "./calendar";

export { TimelineCache, WorkingTimeline, type SlaCalendar } from "./calendar";

/** A span in `pending_customer` (or another paused status); `to` null = still paused. */
export type Pause = { from: Date; to: Date | null };

export type SlaClockInput = {
  /** when the clock started (the ticket's creation, or its reopening) */
  start: Date;
  /** response or resolution target, in working minutes */
  targetMinutes: number;
  calendar: SlaCalendar;
  /** in any order, possibly overlapping */
  pauses: Pause[];
  /** when the target was met (first response, resolution); null while it runs */
  stoppedAt?: Date | null;
  now: Date;
};

export type SlaSpan = { from: Date; to: Date; kind: "running" | "paused" | "closed" };

export type SlaClock = {
  /** when the target runs out given the pauses so far (while paused: as if it resumed now) */
  dueAt: Date;
  /** working minutes used up to stoppedAt ?? now, paused time excluded */
  usedMinutes: number;
  /** target − used: negative once over */
  remainingMinutes: number;
  fractionUsed: number;
  /** stopped after the due time, or still running past it */
  breached: boolean;
  breachedAt: Date | null;
  /** paused at now, and not stopped */
  paused: boolean;
  /** working minutes spent paused */
  pausedMinutes: number;
  /** start → (stoppedAt ?? now): counting, paused, or outside working time; a pause wins */
  spans: SlaSpan[];
};

const DAY_MS = 86_400_000;
const EPS_MIN = 1e-7;
/** ranges tried when a clock's due time lies past its timeline: the derived one, then these */
const FALLBACK_MARGIN_DAYS = [800, 3700];

/**
 * The range a shared timeline must cover for these clocks: from a day before the earliest
 * start to the latest moment plus enough calendar days for the longest target even on a
 * sparse calendar (half an hour of working time per calendar day) and two weeks of holidays.
 * A clock whose due time still falls outside builds a longer timeline of its own.
 */
export function timelineRangeFor(
  inputs: Pick<SlaClockInput, "start" | "targetMinutes" | "now" | "stoppedAt">[],
): { from: Date; to: Date } {
  let from = Infinity;
  let to = -Infinity;
  let target = 0;
  for (const i of inputs) {
    from = Math.min(from, i.start.getTime());
    to = Math.max(to, i.start.getTime(), i.now.getTime(), i.stoppedAt?.getTime() ?? -Infinity);
    if (Number.isFinite(i.targetMinutes)) target = Math.max(target, i.targetMinutes);
  }
  // nothing to cover: any valid range will do
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return { from: new Date(0), to: new Date(DAY_MS) };
  const marginDays = Math.min(800, 14 + Math.ceil(target / 30));
  return { from: new Date(from - DAY_MS), to: new Date(to + marginDays * DAY_MS) };
}

function assertDate(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw new Error(`${what} is not a valid date`);
}

/** Sorted, merged pauses clipped to [start, end]; an open pause runs to `end`. */
function normalise(pauses: Pause[], start: Date, end: Date): { from: Date; to: Date }[] {
  const s = start.getTime();
  const e = end.getTime();
  const clipped = pauses
    .map((p) => [Math.max(p.from.getTime(), s), Math.min((p.to ?? end).getTime(), e)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: { from: number; to: number }[] = [];
  for (const [a, b] of clipped) {
    const last = out.at(-1);
    if (last && a <= last.to) last.to = Math.max(last.to, b);
    else out.push({ from: a, to: b });
  }
  return out.map((p) => ({ from: new Date(p.from), to: new Date(p.to) }));
}

/** When `target` running minutes after start are used, skipping the (normalised) pauses. */
function dueOf(
  tl: WorkingTimeline,
  start: Date,
  target: number,
  pauses: { from: Date; to: Date }[],
): Date | null {
  let cursor = start;
  let remaining = target;
  for (const p of pauses) {
    const run = tl.between(cursor, p.from);
    if (run >= remaining - EPS_MIN) return tl.add(cursor, remaining);
    remaining -= run;
    cursor = p.to;
  }
  return tl.add(cursor, Math.max(0, remaining));
}

/**
 * An SLA clock: working time used since `start` (paused time excluded), the due time, and
 * whether it breached — across time zones, weekends, holidays and daylight-saving changes
 * (all of which the calendar's timeline resolves). Pure. Pass a timeline shared by many
 * clocks on the same calendar (see `timelineRangeFor`); without one it builds its own.
 */
export function computeSlaClock(
  input: SlaClockInput,
  timeline?: WorkingTimeline,
  opts: { spans?: boolean } = {},
): SlaClock {
  const { start, targetMinutes, now } = input;
  if (typeof targetMinutes !== "number" || !Number.isFinite(targetMinutes) || targetMinutes <= 0)
    throw new Error(`An SLA target must be a positive number of minutes, not ${targetMinutes}`);
  assertDate(start, "The SLA start");
  assertDate(now, "now");
  const stoppedAt = input.stoppedAt ?? null;
  if (stoppedAt) assertDate(stoppedAt, "The SLA stop");
  for (const p of input.pauses) {
    assertDate(p.from, "A pause's start");
    if (p.to) assertDate(p.to, "A pause's end");
  }

  const end = new Date(Math.max(start.getTime(), (stoppedAt ?? now).getTime()));
  const pauses = normalise(input.pauses, start, end);
  const own = (marginDays?: number) => {
    const r = timelineRangeFor([input]);
    const to = marginDays === undefined ? r.to : new Date(end.getTime() + marginDays * DAY_MS);
    return WorkingTimeline.build(input.calendar, r.from, to);
  };
  let tl = timeline && timeline.from <= start && timeline.to >= end ? timeline : own();
  let due = dueOf(tl, start, targetMinutes, pauses);
  for (const margin of FALLBACK_MARGIN_DAYS) {
    if (due) break;
    tl = own(margin);
    due = dueOf(tl, start, targetMinutes, pauses);
  }
  if (!due) throw new Error("The SLA due time is more than ten years away on this calendar");

  const pausedMinutes = pauses.reduce((sum, p) => sum + tl.between(p.from, p.to), 0);
  const usedMinutes = Math.max(0, tl.between(start, end) - pausedMinutes);
  const breached = (stoppedAt ?? now) > due;
  const paused =
    !stoppedAt && input.pauses.some((p) => p.from <= now && (p.to === null || p.to > now));
  return {
    dueAt: due,
    usedMinutes,
    remainingMinutes: targetMinutes - usedMinutes,
    fractionUsed: usedMinutes / targetMinutes,
    breached,
    breachedAt: breached ? due : null,
    paused,
    pausedMinutes,
    spans: opts.spans === false ? [] : spansOf(tl, start, end, pauses),
  };
}

/** start → end cut at every opening, closing, pause start and end; same kinds merged. */
function spansOf(
  tl: WorkingTimeline,
  start: Date,
  end: Date,
  pauses: { from: Date; to: Date }[],
): SlaSpan[] {
  if (end <= start) return [];
  const working = tl.workingIntervals(start, end);
  const cuts = new Set<number>([start.getTime(), end.getTime()]);
  for (const w of [...working, ...pauses]) {
    cuts.add(w.from.getTime());
    cuts.add(w.to.getTime());
  }
  const points = [...cuts].sort((a, b) => a - b);
  const spans: SlaSpan[] = [];
  let wi = 0;
  let pi = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] ?? 0;
    const b = points[i + 1] ?? 0;
    // every interval boundary is a cut, so a segment is wholly inside or outside each interval
    while (wi < working.length && (working[wi]?.to.getTime() ?? Infinity) <= a) wi++;
    while (pi < pauses.length && (pauses[pi]?.to.getTime() ?? Infinity) <= a) pi++;
    const inPause = (pauses[pi]?.from.getTime() ?? Infinity) <= a;
    const inWork = (working[wi]?.from.getTime() ?? Infinity) <= a;
    const kind = inPause ? "paused" : inWork ? "running" : "closed";
    const last = spans.at(-1);
    if (last && last.kind === kind) last.to = new Date(b);
    else spans.push({ from: new Date(a), to: new Date(b), kind });
  }
  return spans;
}
