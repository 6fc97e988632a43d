import { describe, expect, it } from "vitest";
import {
  breachedNow,
  factorsOnceBreached,
  calibrationData,
  MIN_CALIBRATION_N,
  countdown,
  dailyData,
  dayLabel,
  distributionData,
  factorBars,
  factorSummary,
  historyData,
  perClientData,
  wrapLabel,
  riskLevel,
  sentimentLabel,
} from "./sla-data";
import { formatDays, slaEvents, spanSegments, spanTotals } from "./sla-timeline";

const at = (iso: string) => new Date(iso);

describe("risk level", () => {
  it("is red at 0.7 and up, amber from 0.5, else low", () => {
    expect(riskLevel(0.86)).toEqual({ level: "at risk", tone: "red" });
    expect(riskLevel(0.7).level).toBe("at risk");
    expect(riskLevel(0.69).level).toBe("watch");
    expect(riskLevel(0.5).level).toBe("watch");
    expect(riskLevel(0.49).level).toBe("low");
    expect(riskLevel(null).level).toBe("not scored");
  });
});

describe("chart data", () => {
  it("fills the ten probability bins and colours them by risk", () => {
    const d = distributionData([
      { bin: 0, n: 5 },
      { bin: 7, n: 2 },
      { bin: 9, n: 1 },
    ]);
    expect(d).toHaveLength(10);
    expect(d.map((b) => b.n)).toEqual([5, 0, 0, 0, 0, 0, 0, 2, 0, 1]);
    expect(d[0]?.label).toBe("0–10%");
    expect(d[9]?.label).toBe("90–100%");
    expect(d[5]?.level).toBe("watch");
    expect(d[7]?.level).toBe("at risk");
    expect(d[2]?.level).toBe("low");
  });

  it("labels days without a time zone shift", () => {
    expect(dayLabel("2026-01-01")).toBe("1 Jan");
    expect(dayLabel("2026-11-30")).toBe("30 Nov");
    expect(dailyData([{ day: "2026-03-09", breaches: 1, resolved: 4, metPct: 75 }])).toEqual([
      { day: "2026-03-09", breaches: 1, resolved: 4, metPct: 75, label: "9 Mar" },
    ]);
  });

  it("orders clients worst first and flags those under their contract target", () => {
    const d = perClientData([
      { client: "Harbor Health", resolved: 10, metPct: 95, target: 90 },
      { client: "A very long client name indeed", resolved: 8, metPct: 80, target: 90 },
      { client: "Lakeside", resolved: 4, metPct: 85, target: null },
    ]);
    expect(d.map((c) => c.client)).toEqual([
      "A very long client name indeed",
      "Lakeside",
      "Harbor Health",
    ]);
    expect(d.map((c) => c.belowTarget)).toEqual([true, false, false]);
    expect(d[0]?.lines).toEqual(["A very long client", "name indeed"]);
  });

  it("wraps axis names onto two lines at spaces, cutting only what does not fit", () => {
    expect(wrapLabel("Summit Data Centers")).toEqual(["Summit Data", "Centers"]);
    expect(wrapLabel("Acme")).toEqual(["Acme"]);
    expect(wrapLabel("Northwestern Regional Hospital Group East")).toEqual([
      "Northwestern",
      "Regional Hospital…",
    ]);
    expect(wrapLabel("Supercalifragilisticexpialidocious")).toEqual(["Supercalifragilis…"]);
  });

  it("turns calibration bands into percentages and says how far off they are", () => {
    const c = calibrationData([
      { band: 8, n: 30, predicted: 0.84, actual: 0.5 },
      { band: 1, n: 70, predicted: 0.12, actual: 0.1 },
      { band: 5, n: 0, predicted: 0, actual: 0 },
    ]);
    expect(c.points.map((p) => p.band)).toEqual([1, 8]);
    expect(c.points[1]).toMatchObject({ predicted: 84, actual: 50, n: 30, label: "80–90%" });
    expect(c.total).toBe(100);
    expect(c.offShare).toBeCloseTo(0.3);
    expect(calibrationData([]).offShare).toBeNull();
  });

  it("keeps bands with too few tickets off the line and out of the verdict", () => {
    const c = calibrationData([
      { band: 9, n: MIN_CALIBRATION_N - 1, predicted: 0.95, actual: 0.2 },
      { band: 1, n: 70, predicted: 0.12, actual: 0.1 },
    ]);
    expect(c.points.map((p) => [p.band, p.sparse, p.solid, p.thin])).toEqual([
      [1, false, 10, null],
      [9, true, null, 20],
    ]);
    expect(c.sparseBands).toBe(1);
    // the thin band is 75 points off but does not make the model look off
    expect(c.offShare).toBe(0);
  });

  it("orders the probability history by time in percent", () => {
    expect(
      historyData([
        { at: at("2026-01-01T10:15:00Z"), probability: 0.8234 },
        { at: at("2026-01-01T10:00:00Z"), probability: 0.5 },
      ]),
    ).toEqual([
      { t: Date.parse("2026-01-01T10:00:00Z"), p: 50 },
      { t: Date.parse("2026-01-01T10:15:00Z"), p: 82.3 },
    ]);
  });

  it("holds the last value until the present (runs write only changes)", () => {
    const rows = [{ at: at("2026-01-01T10:00:00Z"), probability: 0.5 }];
    expect(historyData(rows, at("2026-01-01T13:00:00Z"))).toEqual([
      { t: Date.parse("2026-01-01T10:00:00Z"), p: 50 },
      { t: Date.parse("2026-01-01T13:00:00Z"), p: 50 },
    ]);
    expect(historyData(rows, at("2026-01-01T09:00:00Z"))).toHaveLength(1);
    expect(historyData([], at("2026-01-01T13:00:00Z"))).toEqual([]);
  });
});

describe("countdown", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("counts down in minutes, with seconds only in the last minutes", () => {
    expect(countdown(at("2026-01-01T12:04:07Z"), now).text).toBe("4 min 07 s left");
    expect(countdown(at("2026-01-01T12:42:07Z"), now)).toEqual({
      text: "42 min left",
      state: "soon",
    });
    expect(countdown(at("2026-01-01T12:00:30Z"), now).text).toBe("30 s left");
    expect(countdown(at("2026-01-01T15:05:00Z"), now)).toEqual({
      text: "3 h 05 min left",
      state: "running",
    });
    expect(countdown(at("2026-01-04T16:00:00Z"), now).text).toBe("3 d 4 h left");
  });
  it("says how long ago a breach was, and paused while paused", () => {
    expect(countdown(at("2026-01-01T11:48:00Z"), now)).toEqual({
      text: "breached 12 min ago",
      state: "breached",
    });
    expect(countdown(at("2026-01-01T11:00:00Z"), now, at("2026-01-01T10:00:00Z"))).toEqual({
      text: "paused",
      state: "paused",
    });
    expect(countdown(null, now).state).toBe("none");
  });
});

describe("factors and sentiment", () => {
  const factors = [
    { key: "left", label: "1.6 h left", weight: 0.16 },
    { key: "used", label: "80% of the SLA used", weight: 0.28 },
    { key: "unassigned", label: "Nobody assigned", weight: 0.2 },
  ];
  it("summarises the heaviest factors", () => {
    expect(factorSummary(factors)).toBe("80% of the SLA used · Nobody assigned");
    expect(factorSummary(null)).toBe("—");
  });
  it("scales bars to the heaviest factor", () => {
    const bars = factorBars(factors);
    expect(bars.map((b) => b.key)).toEqual(["used", "unassigned", "left"]);
    expect(bars[0]?.share).toBe(1);
    expect(bars[2]?.share).toBeCloseTo(0.16 / 0.28);
    expect(factorBars([])).toEqual([]);
  });
  it("names the sentiment", () => {
    expect(sentimentLabel(-0.27).label).toBe("negative");
    expect(sentimentLabel(0.01).label).toBe("neutral");
    expect(sentimentLabel(0.4).label).toBe("positive");
  });
});

describe("explain this SLA", () => {
  it("merges spans of one kind and places them on the strip", () => {
    const segs = spanSegments([
      { from: at("2026-01-01T08:00:00Z"), to: at("2026-01-01T09:00:00Z"), kind: "running" },
      { from: at("2026-01-01T09:00:00Z"), to: at("2026-01-01T10:00:00Z"), kind: "running" },
      { from: at("2026-01-01T10:00:00Z"), to: at("2026-01-01T12:00:00Z"), kind: "paused" },
    ]);
    expect(segs.map((s) => [s.kind, s.leftPct, s.widthPct, s.minutes])).toEqual([
      ["running", 0, 50, 120],
      ["paused", 50, 50, 120],
    ]);
    expect(spanSegments([])).toEqual([]);
    expect(
      spanTotals([
        { from: at("2026-01-01T08:00:00Z"), to: at("2026-01-01T08:30:00Z"), kind: "closed" },
      ]),
    ).toEqual({ running: 0, paused: 0, closed: 30 });
  });

  it("tells the clock's story in order: pauses, breaches, reassignments, escalations", () => {
    const now = Date.parse("2026-01-01T14:00:00Z");
    const events = slaEvents(
      {
        ticket: {
          createdAt: at("2026-01-01T08:00:00Z"),
          firstResponseAt: at("2026-01-01T08:20:00Z"),
          resolvedAt: null,
          status: "in_progress",
        },
        changes: [
          { from: null, to: "open", at: at("2026-01-01T08:00:00Z"), actor: "Sam" },
          { from: "open", to: "pending_customer", at: at("2026-01-01T09:00:00Z"), actor: "Sam" },
          {
            from: "pending_customer",
            to: "in_progress",
            at: at("2026-01-01T10:30:00Z"),
            actor: "Sam",
          },
        ],
        escalations: [
          {
            level: 1,
            fromPriority: "P3",
            toPriority: "P2",
            probability: 0.84,
            at: at("2026-01-01T11:00:00Z"),
          },
        ],
        timeline: [
          {
            action: "ticket.assign",
            actorLabel: "Sam",
            before: { assigneeId: null },
            after: { assigneeId: "u1" },
            createdAt: at("2026-01-01T10:45:00Z"),
          },
          {
            action: "ticket.escalate",
            actorLabel: "system",
            before: null,
            after: null,
            createdAt: at("2026-01-01T11:00:00Z"),
          },
        ],
        sla: {
          response: {
            dueAt: at("2026-01-01T08:15:00Z"),
            breached: true,
            breachedAt: at("2026-01-01T08:15:00Z"),
          },
          resolution: { dueAt: at("2026-01-01T16:00:00Z"), breached: false, breachedAt: null },
        },
        people: new Map([["u1", "Lena Ortiz"]]),
      },
      now,
    );
    expect(events.map((e) => [e.kind, e.title])).toEqual([
      ["opened", "Ticket opened, clocks start"],
      ["breach", "Response target breached"],
      ["response", "First response, after the response target"],
      ["paused", "open → pending customer: resolution clock stops"],
      ["resumed", "pending customer → in progress: resolution clock resumes"],
      ["assigned", "Reassigned: nobody → Lena Ortiz"],
      ["escalated", "Auto-escalated to level 1: P3 → P2"],
      ["due", "Resolution due"],
    ]);
    expect(events.find((e) => e.kind === "resumed")?.detail).toBe("by Sam · paused 1 h 30 min");
    expect(events.at(-1)?.upcoming).toBe(true);
  });

  it("names business days compactly", () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(formatDays([0, 1, 2, 3, 4, 5, 6])).toBe("every day");
    expect(formatDays([1, 3, 6])).toBe("Mon, Wed, Sat");
    expect(formatDays([])).toBe("no days");
  });
});

describe("a listed ticket that breaches while the page is open", () => {
  const due = new Date("2026-11-04T15:00:00Z");
  const row = { breached: false, dueAt: due, pausedSince: null };
  it("reads as breached from its due time on, not while paused or before", () => {
    expect(breachedNow(row, due.getTime() - 1000)).toBe(false);
    expect(breachedNow(row, due.getTime())).toBe(true);
    expect(breachedNow({ ...row, pausedSince: new Date(0) }, due.getTime() + 1000)).toBe(false);
    expect(breachedNow({ ...row, breached: true }, null)).toBe(true);
    expect(breachedNow(row, null)).toBe(false);
  });
  it("its time-dependent reasons say so", () => {
    const f = factorsOnceBreached([
      { key: "used", label: "98% of the SLA used", weight: 0.5 },
      { key: "left", label: "10 min left", weight: 0.3 },
      { key: "unassigned", label: "Nobody assigned", weight: 0.1 },
    ]);
    expect(f.map((x) => x.label)).toEqual([
      "100% or more of the SLA used",
      "Past the resolution target",
      "Nobody assigned",
    ]);
  });
});
