import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_TARGETS, type TicketPriority } from "@/lib/sla";
import { TimelineCache } from "./clock";
import type { EffectivePolicy } from "./policy-lookup";
import type { PredictionInputs } from "./predict-prepare";
import { ticketScorer, type OpenTicket } from "./predict-score";

const NOW = new Date("2026-11-04T15:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const policy = (priority: TicketPriority): EffectivePolicy => ({
  id: null,
  clientId: null,
  priority,
  ...DEFAULT_SLA_TARGETS[priority],
  businessDays: [1, 2, 3, 4, 5],
  opensAt: "08:00",
  closesAt: "18:00",
});

const inputs: PredictionInputs = {
  slowness: new Map(),
  workload: new Map(),
  raisesOf: new Map(),
  policyOf: (_client, priority) => policy(priority),
  holidays: new Map(),
  timelines: new TimelineCache({ from: minutesAgo(30 * 24 * 60), to: NOW }),
  model: null,
  scoredBy: "heuristic",
};

const ticket = (over: Partial<OpenTicket>): OpenTicket => ({
  id: "00000000-0000-4000-8000-000000000001",
  clientId: "00000000-0000-4000-8000-0000000000c1",
  priority: "P2",
  category: "access",
  createdAt: minutesAgo(10),
  firstResponseAt: minutesAgo(5),
  assigneeId: null,
  reopenedCount: 0,
  recentSentiment: null,
  pauses: [],
  timeZone: "America/New_York",
  prevP: null,
  prevTop: null,
  prevDue: null,
  prevBreached: false,
  alerted: false,
  ...over,
});

describe("ticketScorer (one ticket of a prediction run, no database)", () => {
  it("writes a past-due ticket's certain breach and raises its alert", () => {
    const o = ticketScorer(inputs, NOW)(ticket({ createdAt: minutesAgo(9 * 60) }));
    expect(o.atRisk).toBe(true);
    expect(o.changed).toMatchObject({ p: 1, due: minutesAgo(60).toISOString() });
    expect(o.changed?.used).toBeGreaterThanOrEqual(1);
    expect(o.alert).toMatchObject({ p: 1 });
    expect(o.alert?.f.length).toBeGreaterThan(0);
    expect(o.calmed).toBe(false);
  });

  it("leaves a ticket whose prediction and alert have not moved alone", () => {
    const score = ticketScorer(inputs, NOW);
    const late = ticket({ createdAt: minutesAgo(9 * 60) });
    const first = score(late);
    const again = score({
      ...late,
      prevP: first.changed?.p ?? null,
      prevTop: first.changed?.f[0]?.key ?? null,
      prevDue: minutesAgo(60).getTime(),
      prevBreached: true,
      alerted: true,
    });
    expect(again).toEqual({ atRisk: true, changed: null, alert: null, calmed: false });
  });

  it("resolves the open alert of a ticket whose risk fell below the bar", () => {
    const o = ticketScorer(inputs, NOW)(ticket({ alerted: true, prevP: 0.75 }));
    expect(o.atRisk).toBe(false);
    expect(o.alert).toBeNull();
    expect(o.calmed).toBe(true);
    // written: the probability crossed thresholds since the last run
    expect(o.changed?.p).toBeLessThan(0.5);
  });

  it("gives the same outcome for the same ticket, inputs and instant", () => {
    const t = ticket({ createdAt: minutesAgo(7 * 60), assigneeId: "a" });
    expect(ticketScorer(inputs, NOW)(t)).toEqual(ticketScorer(inputs, NOW)(t));
  });
});
