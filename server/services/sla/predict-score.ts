import "server-only";
import { SLA_RULES, type RiskFactor, type TicketPriority } from "@/lib/sla";
import type { SlaCalendar, WorkingTimeline } from "./calendar";
import { computeSlaClock } from "./clock";
import { escalatedSlaClock, governingRaises } from "./escalated-clock";
import { calendarFor, type EffectivePolicy } from "./policy-lookup";
import type { PredictionInputs } from "./predict-prepare";
import { explainRisk, predictionMoved, scoreRisk, topFactorKey, type RiskInput } from "./risk";

/** An open ticket as a prediction run reads it. */
export type OpenTicket = {
  id: string;
  clientId: string;
  priority: TicketPriority;
  category: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  assigneeId: string | null;
  reopenedCount: number;
  recentSentiment: number | null;
  pauses: { from: string; to: string | null }[];
  timeZone: string;
  /** the previous run's result: unchanged tickets are not rewritten */
  prevP: number | null;
  prevTop: string | null;
  /** epoch milliseconds */
  prevDue: number | null;
  prevBreached: boolean;
  /** its SLA_BREACH_RISK alert is open */
  alerted: boolean;
};

/** A ticket's new prediction, written because it moved. */
export type Changed = { id: string; p: number; f: RiskFactor[]; used: number; due: string };
/** A ticket whose risk alert is raised, or updated. */
export type Risky = { ticket: OpenTicket; p: number; f: RiskFactor[] };

/** What one ticket's score asks of the run. */
export type TicketOutcome = {
  /** at or above the alert bar */
  atRisk: boolean;
  /** the ticket's new values, when they moved */
  changed: Changed | null;
  /** its alert to raise or update */
  alert: Risky | null;
  /** its open alert to resolve: the risk fell below the bar */
  calmed: boolean;
};

/** What the prediction needs to know about an open ticket now; shared with training. */
export function riskInputAt(
  t: {
    priority: TicketPriority;
    firstResponseAt: Date | null;
    reopenedCount: number;
    recentSentiment: number | null;
    assigneeOpen: number | null;
    categorySlowness: number;
  },
  clock: { usedMinutes: number; remainingMinutes: number; pausedMinutes: number },
  targetMinutes: number,
  pausedWallHours: number,
  now: Date,
): RiskInput {
  return {
    fractionUsed: clock.usedMinutes / targetMinutes,
    hoursLeft: clock.remainingMinutes / 60,
    noFirstResponse: !t.firstResponseAt || t.firstResponseAt > now,
    priority: t.priority,
    categorySlowness: t.categorySlowness,
    assigneeOpen: t.assigneeOpen,
    reopenedCount: t.reopenedCount,
    pendingHours: pausedWallHours,
    sentiment: t.recentSentiment,
  };
}

export const severityFor = (p: number) => (p >= 0.9 ? "critical" : p >= 0.8 ? "high" : "medium");

// an alert is raised once and updated when the risk moves enough to matter (5 points, or
// its severity), not rewritten on every run
const alertWorthUpdating = (t: OpenTicket, p: number) =>
  !t.alerted ||
  t.prevP === null ||
  severityFor(p) !== severityFor(t.prevP) ||
  Math.abs(Math.round(p * 100) - Math.round(t.prevP * 100)) >= 5;

const NO_PAUSES: { from: Date; to: Date | null }[] = [];

type Shared = { policy: EffectivePolicy; calendar: SlaCalendar; timeline: WorkingTimeline };

/** The calendar and its working-time timeline, shared by the tickets of a policy and zone. */
function sharedCalendars(inputs: PredictionInputs) {
  const calendars = new Map<string, Shared>();
  return (clientId: string, priority: TicketPriority, timeZone: string): Shared => {
    const key = `${clientId}|${priority}|${timeZone}`;
    let shared = calendars.get(key);
    if (!shared) {
      const policy = inputs.policyOf(clientId, priority);
      const calendar = calendarFor(policy, timeZone, inputs.holidays.get(clientId) ?? []);
      shared = { policy, calendar, timeline: inputs.timelines.get(calendar) };
      calendars.set(key, shared);
    }
    return shared;
  };
}

/**
 * Scores open tickets one at a time against a run's inputs: no database, the same outcome
 * for the same ticket, inputs and `now` (it only keeps the calendars its tickets share).
 */
export function ticketScorer(
  inputs: PredictionInputs,
  now: Date,
): (t: OpenTicket) => TicketOutcome {
  const sharedFor = sharedCalendars(inputs);
  return (t) => {
    const raised = inputs.raisesOf.get(t.id);
    const governing = raised ? governingRaises(t.priority, raised) : null;
    const shared = sharedFor(t.clientId, governing?.basePriority ?? t.priority, t.timeZone);
    const pauses = t.pauses.length
      ? t.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }))
      : NO_PAUSES;
    const base = {
      start: t.createdAt,
      targetMinutes: shared.policy.resolutionMinutes,
      calendar: shared.calendar,
      pauses,
      stoppedAt: null,
      now,
    };
    const clock = governing?.raises.length
      ? escalatedSlaClock(
          base,
          governing.raises.map((r) => {
            const to = sharedFor(t.clientId, r.toPriority, t.timeZone);
            return {
              at: r.at,
              targetMinutes: to.policy.resolutionMinutes,
              calendar: to.calendar,
              timeline: to.timeline,
            };
          }),
          shared.timeline,
          { spans: false },
        )
      : computeSlaClock(base, shared.timeline, { spans: false });
    let pausedMs = 0;
    for (const p of pauses)
      pausedMs += (p.to ?? now).getTime() - Math.min(p.from.getTime(), now.getTime());
    const input = riskInputAt(
      {
        priority: t.priority,
        firstResponseAt: t.firstResponseAt,
        reopenedCount: t.reopenedCount,
        recentSentiment: t.recentSentiment,
        assigneeOpen: t.assigneeId ? (inputs.workload.get(t.assigneeId) ?? 0) : null,
        categorySlowness: inputs.slowness.get(t.category) ?? 1,
      },
      clock,
      // the target of the clock that governs (a raised ticket's may be its new priority's)
      clock.usedMinutes + clock.remainingMinutes,
      pausedMs / 3_600_000,
      now,
    );
    const score = scoreRisk(inputs.model, input);
    const p = score.probability;
    const used = Math.round(clock.fractionUsed * 1000) / 1000;
    const moved = predictionMoved(
      { p: t.prevP, top: t.prevTop, due: t.prevDue, breached: t.prevBreached },
      { p, top: topFactorKey(score), due: clock.dueAt, used },
    );
    const atRisk = p >= SLA_RULES.alertAt;
    const alertMoves = atRisk && alertWorthUpdating(t, p);
    // factors are spelled out only where they are written: the ticket, or its alert
    const f = moved || alertMoves ? explainRisk(input, score) : [];
    return {
      atRisk,
      changed: moved ? { id: t.id, p, f, used, due: clock.dueAt.toISOString() } : null,
      alert: alertMoves ? { ticket: t, p, f } : null,
      calmed: !alertMoves && p < SLA_RULES.alertResolveBelow && t.alerted,
    };
  };
}
