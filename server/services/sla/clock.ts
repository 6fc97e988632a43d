import { WorkingTimeline, type SlaCalendar } from "./calendar";

export { TimelineCache, WorkingTimeline, type SlaCalendar } from "./calendar";

/** A span in `pending_customer` (or another paused status); `to` null = still paused. */
export type Pause = { from: Date; to: Date | null };

export type SlaClockInput = {
  /** when the clock started (the ticket's creation) */
  start: Date;
  /** response or resolution target, in working minutes */
  targetMinutes: number;
  calendar: SlaCalendar;
  pauses: Pause[];
  /** when the target was met (first response, resolution); null while it runs */
  stoppedAt?: Date | null;
  now: Date;
};

export type SlaSpan = { from: Date; to: Date; kind: "running" | "paused" | "closed" };

export type SlaClock = {
  /** when the target runs out given the pauses so far (while paused: as if it resumed now) */
  dueAt: Date;
  usedMinutes: number;
  /** target − used: negative once over */
  remainingMinutes: number;
  fractionUsed: number;
  breached: boolean;
  breachedAt: Date | null;
  paused: boolean;
  pausedMinutes: number;
  /** start → (stoppedAt ?? now): counting, paused, or outside working time */
  spans: SlaSpan[];
};

const DAY_MS = 86_400_000;

/**
 * The range a shared timeline must cover for these clocks: from a day before the earliest
 * start to past the latest moment plus enough calendar days for the longest target even on a
 * sparse calendar (half an hour of working time per calendar day on average).
 */
export function timelineRangeFor(
  inputs: Pick<SlaClockInput, "start" | "targetMinutes" | "now" | "stoppedAt">[],
): { from: Date; to: Date } {
  let from = Infinity;
  let to = -Infinity;
  let target = 0;
  for (const i of inputs) {
    from = Math.min(from, i.start.getTime());
    to = Math.max(to, i.now.getTime(), i.stoppedAt?.getTime() ?? -Infinity);
    target = Math.max(target, i.targetMinutes);
  }
  if (!Number.isFinite(from)) {
    const now = Date.now();
    return { from: new Date(now - DAY_MS), to: new Date(now + DAY_MS) };
  }
  const marginDays = Math.min(800, 14 + Math.ceil((target / 60) * 2));
  return { from: new Date(from - DAY_MS), to: new Date(to + marginDays * DAY_MS) };
}

/** Sorted, merged pauses clipped to [start, end]; an open pause runs to `end`. */
function normalise(pauses: Pause[], start: Date, end: Date): { from: Date; to: Date }[] {
  const clipped = pauses
    .map((p) => ({
      from: new Date(Math.max(p.from.getTime(), start.getTime())),
      to: new Date(Math.min((p.to ?? end).getTime(), end.getTime())),
    }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: { from: Date; to: Date }[] = [];
  for (const p of clipped) {
    const last = out.at(-1);
    if (last && p.from <= last.to) {
      if (p.to > last.to) last.to = p.to;
    } else out.push({ ...p });
  }
  return out;
}

/**
 * An SLA clock: working time used since `start` (paused time excluded), the due time, and
 * whether it breached — across time zones, weekends, holidays and daylight-saving changes
 * (all of which the calendar's timeline resolves). Pure.
 */
export function computeSlaClock(
  input: SlaClockInput,
  timeline?: WorkingTimeline,
  opts: { spans?: boolean } = {},
): SlaClock {
  const { start, targetMinutes, now } = input;
  if (!Number.isFinite(targetMinutes) || targetMinutes <= 0)
    throw new Error(`An SLA target must be a positive number of minutes, not ${targetMinutes}`);
  const stoppedAt = input.stoppedAt ?? null;
  const end = new Date(Math.max(start.getTime(), (stoppedAt ?? now).getTime()));
  let tl =
    timeline && timeline.from <= start && timeline.to >= end
      ? timeline
      : WorkingTimeline.build(input.calendar, ...rangeOf(input));
  const pauses = normalise(input.pauses, start, end);
  const pausedWithin = (until: Date) =>
    pauses.reduce(
      (s, p) => s + (p.from < until ? tl.between(p.from, p.to < until ? p.to : until) : 0),
      0,
    );

  // due: the target plus the working minutes paused before it, found by fixed point (each
  // pass can only add pauses that started before the previous due time)
  let due: Date | null = null;
  for (let pass = 0; pass < 2; pass++) {
    let paused = 0;
    for (let i = 0; i <= pauses.length + 1; i++) {
      const next = tl.add(start, targetMinutes + paused);
      if (!next) break;
      due = next;
      const again = pausedWithin(next);
      if (Math.abs(again - paused) < 1e-9) break;
      paused = again;
    }
    if (due && tl.to >= due) break;
    // the shared timeline ended too soon: build a longer one for this clock
    due = null;
    const [f, t] = rangeOf(input);
    tl = WorkingTimeline.build(input.calendar, f, new Date(t.getTime() + 800 * DAY_MS));
  }
  if (!due) throw new Error("The SLA due time is more than two years away");

  const pausedMinutes = pausedWithin(end);
  const usedMinutes = Math.max(0, tl.between(start, end) - pausedMinutes);
  const breached = (stoppedAt ?? now) > due;
  const lastPause = [...input.pauses].sort((a, b) => a.from.getTime() - b.from.getTime()).at(-1);
  return {
    dueAt: due,
    usedMinutes,
    remainingMinutes: targetMinutes - usedMinutes,
    fractionUsed: usedMinutes / targetMinutes,
    breached,
    breachedAt: breached ? due : null,
    paused: !stoppedAt && !!lastPause && lastPause.to === null && lastPause.from <= now,
    pausedMinutes,
    spans: opts.spans === false ? [] : spansOf(tl, start, end, pauses),
  };
}

function rangeOf(input: SlaClockInput): [Date, Date] {
  const r = timelineRangeFor([input]);
  return [r.from, r.to];
}

function spansOf(
  tl: WorkingTimeline,
  start: Date,
  end: Date,
  pauses: { from: Date; to: Date }[],
): SlaSpan[] {
  if (end <= start) return [];
  const cuts = new Set<number>([start.getTime(), end.getTime(), ...tl.boundaries(start, end)]);
  for (const p of pauses) {
    cuts.add(p.from.getTime());
    cuts.add(p.to.getTime());
  }
  const points = [...cuts].sort((a, b) => a - b);
  const spans: SlaSpan[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] ?? 0;
    const b = points[i + 1] ?? 0;
    const mid = new Date((a + b) / 2);
    const kind = pauses.some((p) => p.from <= mid && mid < p.to)
      ? "paused"
      : tl.isWorking(mid)
        ? "running"
        : "closed";
    const last = spans.at(-1);
    if (last && last.kind === kind) last.to = new Date(b);
    else spans.push({ from: new Date(a), to: new Date(b), kind });
  }
  return spans;
}
