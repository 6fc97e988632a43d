import "server-only";
import type { TicketPriority } from "@/lib/sla";
import { computeSlaClock, type SlaClock, type SlaClockInput, type SlaSpan } from "./clock";
import type { SlaCalendar, WorkingTimeline } from "./calendar";

/** An automatic raise of a ticket's priority (a `ticket_escalations` row). */
export type Raise = {
  level: number;
  at: Date;
  fromPriority: TicketPriority;
  toPriority: TicketPriority;
};

/**
 * The raises that govern a ticket's clock now, and the priority it had before them: the run
 * of consecutive raises (each from where the previous one left it) that ends at the current
 * priority. A priority set by hand afterwards breaks the run: a person's choice counts from
 * the ticket's start, as it always has.
 */
export function governingRaises(
  priority: TicketPriority,
  raises: readonly Raise[],
): { basePriority: TicketPriority; raises: Raise[] } {
  const sorted = [...raises].sort((a, b) => a.level - b.level);
  const last = sorted.at(-1);
  if (!last || last.toPriority !== priority) return { basePriority: priority, raises: [] };
  let first = sorted.length - 1;
  while (first > 0 && sorted[first - 1]?.toPriority === sorted[first]?.fromPriority) first--;
  const run = sorted.slice(first);
  return { basePriority: run[0]?.fromPriority ?? priority, raises: run };
}

/** A raise's new target on its calendar. */
export type RaisedTarget = {
  at: Date;
  targetMinutes: number;
  calendar: SlaCalendar;
  timeline?: WorkingTimeline;
};

const clip = (spans: SlaSpan[], until: Date): SlaSpan[] =>
  spans.filter((s) => s.from < until).map((s) => (s.to > until ? { ...s, to: until } : s));

/**
 * The rule for automatic escalation: a raise may only bring a due time forward, and only as
 * far as the new priority's target counted from the moment of the raise. So the due time
 * after a raise is the earlier of the one it had and (raise + new target, on the new
 * priority's calendar, later pauses excluded) — never earlier than the raise itself, so an
 * automatic raise never makes a ticket breached retroactively, and a ticket already breached
 * stays breached. The reported used/left/fraction are those of the clock that governs.
 * Pure: `base` is the clock of the priority before the first raise, from the ticket's start.
 */
export function escalatedSlaClock(
  base: SlaClockInput,
  raises: readonly RaisedTarget[],
  baseTimeline?: WorkingTimeline,
  opts: { spans?: boolean } = {},
): SlaClock {
  let clock = computeSlaClock(base, baseTimeline, opts);
  const end = base.stoppedAt ?? base.now;
  for (const r of raises) {
    // a raise after the clock stopped (first response given, ticket resolved) changes nothing
    if (r.at > end || r.at < base.start) continue;
    const fresh = computeSlaClock(
      { ...base, start: r.at, targetMinutes: r.targetMinutes, calendar: r.calendar },
      r.timeline,
      opts,
    );
    if (fresh.dueAt >= clock.dueAt) continue;
    clock = {
      ...fresh,
      pausedMinutes: clock.pausedMinutes,
      spans: opts.spans === false ? [] : [...clip(clock.spans, r.at), ...fresh.spans],
    };
  }
  return clock;
}
