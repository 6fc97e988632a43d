import { describe, expect, it } from "vitest";
import type { SlaCalendar } from "./calendar";
import { computeSlaClock } from "./clock";
import { escalatedSlaClock, governingRaises, type Raise } from "./escalated-clock";

const ALWAYS: SlaCalendar = { kind: "24x7" };
const MIN = 60_000;
const NOW = new Date("2026-11-04T15:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MIN);
const ahead = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

/** A 24×7 P2 (8 h) ticket opened `usedMinutes` ago, raised to P1 (4 h) at `raisedAt`. */
const p2RaisedToP1 = (usedMinutes: number, raisedAt = NOW, now = NOW) =>
  escalatedSlaClock(
    { start: ago(usedMinutes), targetMinutes: 480, calendar: ALWAYS, pauses: [], now },
    [{ at: raisedAt, targetMinutes: 240, calendar: ALWAYS }],
  );

describe("automatic escalation never breaches a ticket retroactively", () => {
  it("#1188: 1 h 45 min left at P2 stays 1 h 45 min left after the raise to P1", () => {
    // a P1 counted from the start would have been due 2 h 15 min ago
    const retroactive = computeSlaClock({
      start: ago(375),
      targetMinutes: 240,
      calendar: ALWAYS,
      pauses: [],
      now: NOW,
    });
    expect(retroactive.breached).toBe(true);
    const c = p2RaisedToP1(375);
    expect(c.dueAt).toEqual(ahead(105));
    expect(c.breached).toBe(false);
    expect(c.remainingMinutes).toBeCloseTo(105);
  });

  it("makes the clock stricter when the new target from the raise ends sooner", () => {
    // 30 min into an 8 h P2: 7 h 30 min left; the P1 target from now ends in 4 h
    const c = p2RaisedToP1(30);
    expect(c.dueAt).toEqual(ahead(240));
    expect(c.breached).toBe(false);
    expect(c.fractionUsed).toBe(0);
    expect(c.remainingMinutes).toBe(240);
  });

  it("is never due before the raise, whatever the targets", () => {
    for (const used of [0, 1, 60, 239, 240, 241, 400, 479]) {
      const c = p2RaisedToP1(used);
      expect(c.dueAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(c.breached).toBe(false);
      expect(c.dueAt.getTime()).toBeLessThanOrEqual(ago(used).getTime() + 480 * MIN);
    }
  });

  it("leaves a ticket already breached before the raise breached, at its old due time", () => {
    const c = p2RaisedToP1(500);
    expect(c.breached).toBe(true);
    expect(c.dueAt).toEqual(ago(20));
  });

  it("counts the new target from the raise, later pauses excluded", () => {
    const c = escalatedSlaClock(
      {
        start: ago(60),
        targetMinutes: 480,
        calendar: ALWAYS,
        pauses: [{ from: ahead(-20), to: ahead(-10) }],
        now: NOW,
      },
      [{ at: ago(30), targetMinutes: 240, calendar: ALWAYS }],
    );
    // raised 30 min ago with 4 h: due in 3 h 30 min, plus the 10 min pause after the raise
    expect(c.dueAt).toEqual(ahead(220));
  });

  it("ignores a raise after the clock stopped", () => {
    const c = escalatedSlaClock(
      {
        start: ago(120),
        targetMinutes: 60,
        calendar: ALWAYS,
        pauses: [],
        stoppedAt: ago(90),
        now: NOW,
      },
      [{ at: ago(10), targetMinutes: 15, calendar: ALWAYS }],
    );
    expect(c.dueAt).toEqual(ago(60));
    expect(c.breached).toBe(false);
  });

  it("applies successive raises in turn, each only bringing the due time forward", () => {
    const c = escalatedSlaClock(
      { start: ago(600), targetMinutes: 3000, calendar: ALWAYS, pauses: [], now: NOW },
      [
        { at: ago(300), targetMinutes: 1800, calendar: ALWAYS },
        { at: ago(60), targetMinutes: 480, calendar: ALWAYS },
      ],
    );
    expect(c.dueAt).toEqual(ahead(420));
    expect(c.spans.at(0)?.from).toEqual(ago(600));
    expect(c.spans.at(-1)?.to).toEqual(NOW);
  });
});

describe("governingRaises", () => {
  const raise = (level: number, from: Raise["fromPriority"], to: Raise["toPriority"]): Raise => ({
    level,
    at: ago(100 - level),
    fromPriority: from,
    toPriority: to,
  });

  it("takes the run of raises ending at the current priority, from the priority before it", () => {
    const r = governingRaises("P2", [raise(2, "P3", "P2"), raise(1, "P4", "P3")]);
    expect(r.basePriority).toBe("P4");
    expect(r.raises.map((x) => x.level)).toEqual([1, 2]);
  });

  it("lets a priority set by hand afterwards govern from the start", () => {
    expect(governingRaises("P1", [raise(1, "P3", "P2")])).toEqual({
      basePriority: "P1",
      raises: [],
    });
  });

  it("starts the run after a priority set by hand between raises", () => {
    const r = governingRaises("P3", [raise(1, "P4", "P3"), raise(2, "P4", "P3")]);
    expect(r.basePriority).toBe("P4");
    expect(r.raises.map((x) => x.level)).toEqual([2]);
  });
});
