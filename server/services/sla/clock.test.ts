import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { WorkingTimeline, type SlaCalendar } from "./calendar";
import { computeSlaClock, timelineRangeFor, type Pause, type SlaClockInput } from "./clock";

/** A wall time in a zone, as an instant: local(2026, 3, 9, 8, 0, NY) is Monday 9 March 08:00. */
const local = (y: number, m: number, d: number, h: number, mi: number, tz: string) =>
  new Date(new TZDate(y, m - 1, d, h, mi, tz).getTime());
const iso = (d: Date | null | undefined) => d?.toISOString() ?? "null";
const wall = (d: Date, tz: string) => new TZDate(d.getTime(), tz).toString().slice(0, 21);
const MIN = 60_000;

type Business = Extract<SlaCalendar, { kind: "business" }>;
const business = (timeZone: string, holidays: string[] = [], over: Partial<Business> = {}) =>
  ({
    kind: "business",
    timeZone,
    days: [1, 2, 3, 4, 5],
    open: "08:00",
    close: "18:00",
    holidays,
    ...over,
  }) satisfies Business;
const ALWAYS: SlaCalendar = { kind: "24x7" };
const NY = "America/New_York";
const LDN = "Europe/London";
const SYD = "Australia/Sydney";
const KOL = "Asia/Kolkata";

const clock = (
  calendar: SlaCalendar,
  start: Date,
  targetMinutes: number,
  now: Date,
  pauses: Pause[] = [],
  stoppedAt: Date | null = null,
) => computeSlaClock({ start, targetMinutes, calendar, pauses, now, stoppedAt });

const prng = (seed: number) => () => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};

describe("24x7 clock", () => {
  it("counts every minute", () => {
    const start = new Date("2026-05-01T10:00:00Z");
    const c = clock(ALWAYS, start, 240, new Date("2026-05-01T11:00:00Z"));
    expect(iso(c.dueAt)).toBe("2026-05-01T14:00:00.000Z");
    expect(c).toMatchObject({
      usedMinutes: 60,
      remainingMinutes: 180,
      fractionUsed: 0.25,
      breached: false,
      breachedAt: null,
      paused: false,
      pausedMinutes: 0,
    });
    expect(c.spans).toEqual([
      { from: start, to: new Date("2026-05-01T11:00:00Z"), kind: "running" },
    ]);
  });

  it.each([
    ["US spring forward", NY, [2026, 3, 8], 5],
    ["US fall back", NY, [2026, 11, 1], 3],
    ["EU spring forward", LDN, [2026, 3, 29], 5],
    ["EU fall back", LDN, [2026, 10, 25], 3],
    ["Sydney fall back", SYD, [2026, 4, 5], 3],
    ["Sydney spring forward", SYD, [2026, 10, 4], 5],
  ] as const)(
    "is exact in elapsed real minutes across a DST change (%s)",
    (_, tz, [y, m, d], dueWallHour) => {
      const start = local(y, m, d, 0, 0, tz); // local midnight of the change day
      const now = local(y, m, d, 12, 0, tz);
      const c = clock(ALWAYS, start, 240, now);
      expect(c.dueAt.getTime() - start.getTime()).toBe(240 * MIN);
      // four real hours after midnight is 05:00 when clocks went forward, 03:00 when back
      expect(iso(c.dueAt)).toBe(iso(local(y, m, d, dueWallHour, 0, tz)));
      expect(c.usedMinutes).toBe((now.getTime() - start.getTime()) / MIN);
      expect(c.usedMinutes).toBe(dueWallHour === 5 ? 660 : 780);
      expect(c.breached).toBe(true);
    },
  );

  it("breaches once now passes the due time, and reports when", () => {
    const start = new Date("2026-05-01T10:00:00Z");
    const c = clock(ALWAYS, start, 60, new Date("2026-05-01T11:30:00Z"));
    expect(c.breached).toBe(true);
    expect(iso(c.breachedAt)).toBe("2026-05-01T11:00:00.000Z");
    expect(c.remainingMinutes).toBe(-30);
    expect(c.fractionUsed).toBe(1.5);
  });

  it("counts a pause in full, night or day", () => {
    const start = new Date("2026-05-01T10:00:00Z");
    const pauses = [
      { from: new Date("2026-05-01T11:00:00Z"), to: new Date("2026-05-01T13:30:00Z") },
    ];
    const c = clock(ALWAYS, start, 240, new Date("2026-05-01T14:00:00Z"), pauses);
    expect(c.pausedMinutes).toBe(150);
    expect(c.usedMinutes).toBe(90);
    expect(iso(c.dueAt)).toBe("2026-05-01T16:30:00.000Z");
  });
});

describe("business-hours clock: when it starts and where the due time lands", () => {
  it.each([NY, LDN, KOL, SYD])(
    "takes a Friday 17:00 ticket with a 4 h target to Monday 11:00 (%s)",
    (tz) => {
      const start = local(2026, 1, 9, 17, 0, tz);
      const c = clock(business(tz), start, 240, local(2026, 1, 9, 17, 30, tz));
      expect(iso(c.dueAt)).toBe(iso(local(2026, 1, 12, 11, 0, tz)));
      expect(wall(c.dueAt, tz)).toBe("Mon Jan 12 2026 11:00");
      expect(c.usedMinutes).toBe(30);
      expect(c.remainingMinutes).toBe(210);
    },
  );

  it("starts a Saturday ticket on Monday at opening", () => {
    const start = local(2026, 11, 21, 10, 0, LDN);
    const sunday = clock(business(LDN), start, 60, local(2026, 11, 22, 12, 0, LDN));
    expect(sunday.usedMinutes).toBe(0);
    expect(iso(sunday.dueAt)).toBe(iso(local(2026, 11, 23, 9, 0, LDN)));
    expect(sunday.spans.map((s) => s.kind)).toEqual(["closed"]);
    const monday = clock(business(LDN), start, 60, local(2026, 11, 23, 8, 45, LDN));
    expect(monday.usedMinutes).toBe(45);
    expect(monday.spans.map((s) => [s.kind, iso(s.from)])).toEqual([
      ["closed", iso(start)],
      ["running", iso(local(2026, 11, 23, 8, 0, LDN))],
    ]);
  });

  it("starts before opening at opening, and after closing the next working day", () => {
    const early = clock(
      business(KOL),
      local(2026, 6, 2, 6, 0, KOL),
      30,
      local(2026, 6, 2, 6, 5, KOL),
    );
    expect(iso(early.dueAt)).toBe(iso(local(2026, 6, 2, 8, 30, KOL)));
    expect(early.usedMinutes).toBe(0);
    const late = clock(
      business(KOL),
      local(2026, 6, 2, 19, 0, KOL),
      30,
      local(2026, 6, 3, 8, 10, KOL),
    );
    expect(iso(late.dueAt)).toBe(iso(local(2026, 6, 3, 8, 30, KOL)));
    expect(late.usedMinutes).toBe(10);
    // exactly at closing counts as after closing
    const atClose = clock(
      business(NY),
      local(2026, 6, 1, 18, 0, NY),
      60,
      local(2026, 6, 1, 18, 0, NY),
    );
    expect(iso(atClose.dueAt)).toBe(iso(local(2026, 6, 2, 9, 0, NY)));
  });

  it("keeps a due time at closing on its own day", () => {
    const c = clock(business(NY), local(2026, 6, 1, 17, 0, NY), 60, local(2026, 6, 1, 17, 1, NY));
    expect(iso(c.dueAt)).toBe(iso(local(2026, 6, 1, 18, 0, NY)));
  });

  it("breaches overnight after a due time at closing, with no working minutes left over", () => {
    const start = local(2026, 6, 1, 17, 0, NY);
    const c = clock(business(NY), start, 60, local(2026, 6, 1, 22, 0, NY));
    expect(c).toMatchObject({ breached: true, usedMinutes: 60, remainingMinutes: 0 });
    expect(iso(c.breachedAt)).toBe(iso(local(2026, 6, 1, 18, 0, NY)));
  });

  it("pushes past a holiday on the due day", () => {
    const start = local(2026, 12, 24, 16, 0, LDN); // Thursday
    const c = clock(business(LDN, ["2026-12-25"]), start, 180, local(2026, 12, 24, 16, 30, LDN));
    // 2 h on Thursday, Friday is a holiday, 1 h on Monday the 28th
    expect(iso(c.dueAt)).toBe(iso(local(2026, 12, 28, 9, 0, LDN)));
    const without = clock(business(LDN), start, 180, local(2026, 12, 24, 16, 30, LDN));
    expect(iso(without.dueAt)).toBe(iso(local(2026, 12, 25, 9, 0, LDN)));
  });

  it("follows a client's own holiday list", () => {
    const client = business(LDN, ["2026-12-25", "2026-12-28", "2026-12-29", "2027-01-01"]);
    const start = local(2026, 12, 24, 9, 0, LDN);
    const c = clock(client, start, 3 * 600, local(2026, 12, 31, 9, 0, LDN));
    // 1800 = Thu 24 (540) + Wed 30 (600) + Thu 31 (600) + 60 on Monday 4 January
    expect(iso(c.dueAt)).toBe(iso(local(2027, 1, 4, 9, 0, LDN)));
    expect(c.usedMinutes).toBe(540 + 600 + 60);
    expect(c.spans.filter((s) => s.kind === "running")).toHaveLength(3);
  });

  it.each([
    ["US spring forward", NY, [2026, 3, 6], [2026, 3, 9], [2026, 3, 13]],
    ["US fall back", NY, [2026, 10, 30], [2026, 11, 2], [2026, 11, 6]],
    ["EU spring forward", LDN, [2026, 3, 27], [2026, 3, 30], [2026, 4, 3]],
    ["EU fall back", LDN, [2026, 10, 23], [2026, 10, 26], [2026, 10, 30]],
    ["Sydney fall back", SYD, [2026, 4, 3], [2026, 4, 6], [2026, 4, 10]],
    ["Sydney spring forward", SYD, [2026, 10, 2], [2026, 10, 5], [2026, 10, 9]],
  ] as const)(
    "lands on the right wall time across a DST weekend (%s)",
    (name, tz, [y, m, d], [y2, m2, d2], [y3, m3, d3]) => {
      const start = local(y, m, d, 17, 0, tz); // Friday 17:00
      const now = local(y, m, d, 17, 1, tz);
      const short = clock(business(tz), start, 240, now);
      // 1 h Friday + 3 h Monday: Monday 11:00 local, whatever the offset did over the weekend
      expect(iso(short.dueAt)).toBe(iso(local(y2, m2, d2, 11, 0, tz)));
      const week = clock(business(tz), start, 3000, now);
      expect(iso(week.dueAt)).toBe(iso(local(y3, m3, d3, 17, 0, tz)));
      // a week of wall time, one hour more or less of real time
      const forward = /spring/.test(name);
      expect(week.dueAt.getTime() - start.getTime()).toBe((7 * 24 + (forward ? -1 : 1)) * 60 * MIN);
    },
  );

  it("counts the working minutes of a DST week exactly", () => {
    const start = local(2026, 3, 6, 17, 0, NY);
    const c = clock(business(NY), start, 3000, local(2026, 3, 10, 12, 0, NY));
    expect(c.usedMinutes).toBe(60 + 600 + 240); // Fri 17–18, Mon, Tue 08–12
    const spans = c.spans.map((s) => [s.kind, wall(s.from, NY)]);
    expect(spans).toEqual([
      ["running", "Fri Mar 06 2026 17:00"],
      ["closed", "Fri Mar 06 2026 18:00"],
      ["running", "Mon Mar 09 2026 08:00"],
      ["closed", "Mon Mar 09 2026 18:00"],
      ["running", "Tue Mar 10 2026 08:00"],
    ]);
  });
});

describe("pauses (pending customer)", () => {
  const start = local(2026, 6, 1, 9, 0, NY); // Monday
  const at = (d: number, h: number, mi = 0) => local(2026, 6, d, h, mi, NY);

  it("counts a pause inside the hours", () => {
    const c = clock(business(NY), start, 240, at(1, 12), [{ from: at(1, 10), to: at(1, 11) }]);
    expect(c).toMatchObject({ pausedMinutes: 60, usedMinutes: 120, paused: false });
    expect(iso(c.dueAt)).toBe(iso(at(1, 14)));
  });

  it("counts only the working part of a pause spanning a night", () => {
    const c = clock(business(NY), start, 600, at(2, 10), [{ from: at(1, 17), to: at(2, 9) }]);
    expect(c.pausedMinutes).toBe(60 + 60);
    expect(c.usedMinutes).toBe(480 + 60); // Mon 9–17, Tue 9–10
    // 600 − 480 = 120 more from Tue 09:00
    expect(iso(c.dueAt)).toBe(iso(at(2, 11)));
  });

  it("charges nothing for a pause entirely outside the hours", () => {
    const plain = clock(business(NY), start, 3000, at(9, 12));
    const pauses: Pause[] = [
      { from: at(1, 19), to: at(2, 7) }, // a weeknight
      { from: at(6, 9), to: at(7, 20) }, // the weekend
      { from: at(8, 18), to: at(8, 23) }, // from closing on
    ];
    const c = clock(business(NY), start, 3000, at(9, 12), pauses);
    expect(c.pausedMinutes).toBe(0);
    expect(c.usedMinutes).toBe(plain.usedMinutes);
    expect(iso(c.dueAt)).toBe(iso(plain.dueAt));
  });

  it("moves the due time while a pause is still open, as if it resumed now", () => {
    const pauses: Pause[] = [{ from: at(1, 10), to: null }];
    const at11 = clock(business(NY), start, 120, at(1, 11), pauses);
    const at12 = clock(business(NY), start, 120, at(1, 12), pauses);
    expect(at11).toMatchObject({ paused: true, usedMinutes: 60, pausedMinutes: 60 });
    expect(at12).toMatchObject({ paused: true, usedMinutes: 60, pausedMinutes: 120 });
    expect(iso(at11.dueAt)).toBe(iso(at(1, 12)));
    expect(iso(at12.dueAt)).toBe(iso(at(1, 13)));
    // overnight the open pause costs nothing, so the due time stands still
    const evening = clock(business(NY), start, 120, at(1, 20), pauses);
    const night = clock(business(NY), start, 120, at(2, 3), pauses);
    expect(iso(evening.dueAt)).toBe(iso(at(2, 9)));
    expect(iso(night.dueAt)).toBe(iso(evening.dueAt));
    expect(evening.breached).toBe(false);
  });

  it("merges overlapping, unsorted and duplicate pauses", () => {
    const pauses: Pause[] = [
      { from: at(1, 11), to: at(1, 13) },
      { from: at(1, 10), to: at(1, 12) },
      { from: at(1, 11), to: at(1, 13) },
      { from: at(1, 10, 30), to: at(1, 10, 45) },
    ];
    const c = clock(business(NY), start, 600, at(1, 14), pauses);
    expect(c.pausedMinutes).toBe(180);
    expect(c.usedMinutes).toBe(120);
    expect(c.spans.map((s) => s.kind)).toEqual(["running", "paused", "running"]);
  });

  it("merges an open pause with a closed one it overlaps", () => {
    const pauses: Pause[] = [
      { from: at(1, 10), to: null },
      { from: at(1, 10, 30), to: at(1, 11) },
    ];
    const c = clock(business(NY), start, 600, at(1, 12), pauses);
    expect(c).toMatchObject({ paused: true, pausedMinutes: 120, usedMinutes: 60 });
  });

  it("ignores what falls before start, after now, or after the stop", () => {
    const pauses: Pause[] = [
      { from: at(1, 7), to: at(1, 9, 30) }, // before start: only 09:00–09:30 counts
      { from: at(1, 15), to: null }, // after now
    ];
    const c = clock(business(NY), start, 600, at(1, 12), pauses);
    expect(c).toMatchObject({ pausedMinutes: 30, usedMinutes: 150, paused: false });
    const stopped = clock(business(NY), start, 600, at(1, 16), pauses, at(1, 11));
    expect(stopped).toMatchObject({ pausedMinutes: 30, usedMinutes: 90, paused: false });
  });

  it("is not paused once a pause has ended, or while stopped", () => {
    expect(
      clock(business(NY), start, 600, at(1, 11), [{ from: at(1, 10), to: at(1, 11) }]).paused,
    ).toBe(false);
    const open: Pause[] = [{ from: at(1, 10), to: null }];
    expect(clock(business(NY), start, 600, at(1, 11), open, at(1, 10, 30)).paused).toBe(false);
  });

  it("extends the due time by a pause it crosses, and not by one starting at it", () => {
    const crossing = clock(business(NY), start, 120, at(1, 14), [
      { from: at(1, 10), to: at(1, 12) },
    ]);
    expect(iso(crossing.dueAt)).toBe(iso(at(1, 13)));
    const after = clock(business(NY), start, 60, at(1, 14), [{ from: at(1, 10), to: at(1, 12) }]);
    expect(iso(after.dueAt)).toBe(iso(at(1, 10)));
    expect(after).toMatchObject({ breached: true, usedMinutes: 180 });
  });

  it("keeps a breach that happened before the pause", () => {
    const c = clock(business(NY), start, 60, at(1, 13), [{ from: at(1, 11), to: null }]);
    expect(c).toMatchObject({ paused: true, breached: true, usedMinutes: 120 });
    expect(iso(c.breachedAt)).toBe(iso(at(1, 10)));
  });
});

describe("stopping, breaching and the explain-this-SLA spans", () => {
  const start = local(2026, 6, 1, 9, 0, NY);
  const at = (d: number, h: number, mi = 0) => local(2026, 6, d, h, mi, NY);

  it("stops at the first response or resolution, breached or not", () => {
    const met = clock(business(NY), start, 60, at(3, 9), [], at(1, 9, 45));
    expect(met).toMatchObject({
      breached: false,
      breachedAt: null,
      usedMinutes: 45,
      remainingMinutes: 15,
    });
    expect(iso(met.spans.at(-1)?.to)).toBe(iso(at(1, 9, 45)));
    const exactly = clock(business(NY), start, 60, at(3, 9), [], at(1, 10));
    expect(exactly.breached).toBe(false);
    const late = clock(business(NY), start, 60, at(3, 9), [], at(1, 11));
    expect(late).toMatchObject({ breached: true, usedMinutes: 120, remainingMinutes: -60 });
    expect(iso(late.breachedAt)).toBe(iso(at(1, 10)));
    expect(iso(late.breachedAt)).toBe(iso(late.dueAt));
  });

  it("goes negative while running overdue", () => {
    const c = clock(business(NY), start, 60, at(2, 9));
    expect(c).toMatchObject({ breached: true, usedMinutes: 540 + 60, remainingMinutes: -540 });
    expect(c.fractionUsed).toBe(10);
  });

  it("has used nothing before it starts", () => {
    const c = clock(business(NY), start, 60, at(1, 8));
    expect(c).toMatchObject({ usedMinutes: 0, remainingMinutes: 60, breached: false, spans: [] });
    expect(iso(c.dueAt)).toBe(iso(at(1, 10)));
  });

  it("draws spans from start to now, merged, a pause showing over closed time", () => {
    const friday = local(2026, 6, 5, 17, 0, NY);
    const c = clock(business(NY), friday, 6000, at(9, 10), [
      { from: at(8, 9), to: at(8, 9, 30) },
      { from: at(8, 17), to: at(9, 9) }, // spans a night
    ]);
    expect(c.spans.map((s) => [s.kind, wall(s.from, NY), wall(s.to, NY)])).toEqual([
      ["running", "Fri Jun 05 2026 17:00", "Fri Jun 05 2026 18:00"],
      ["closed", "Fri Jun 05 2026 18:00", "Mon Jun 08 2026 08:00"],
      ["running", "Mon Jun 08 2026 08:00", "Mon Jun 08 2026 09:00"],
      ["paused", "Mon Jun 08 2026 09:00", "Mon Jun 08 2026 09:30"],
      ["running", "Mon Jun 08 2026 09:30", "Mon Jun 08 2026 17:00"],
      ["paused", "Mon Jun 08 2026 17:00", "Tue Jun 09 2026 09:00"],
      ["running", "Tue Jun 09 2026 09:00", "Tue Jun 09 2026 10:00"],
    ]);
    expect(c.pausedMinutes).toBe(30 + 60 + 60);
    expect(c.usedMinutes).toBe(60 + 60 + 450 + 60);
  });

  it("leaves the spans out on request (batch scoring)", () => {
    const c = computeSlaClock(
      { start, targetMinutes: 60, calendar: business(NY), pauses: [], now: at(2, 9) },
      undefined,
      { spans: false },
    );
    expect(c.spans).toEqual([]);
    expect(c.usedMinutes).toBe(600);
  });
});

describe("clock properties (seeded random tickets)", () => {
  const calendars: [string, SlaCalendar][] = [
    ["24x7", ALWAYS],
    ["New York", business(NY, ["2026-07-03", "2026-11-26", "2026-12-25"])],
    ["London", business(LDN, ["2026-12-25", "2026-12-28"])],
    ["Kolkata", business(KOL)],
    ["Sydney", business(SYD, ["2026-12-25"])],
  ];
  const base = new Date("2026-01-05T00:00:00Z").getTime();
  const YEAR = 365 * 86_400_000;

  function ticket(rnd: () => number, calendar: SlaCalendar, closedPauses = false): SlaClockInput {
    const start = new Date(base + Math.floor(rnd() * YEAR * 0.9));
    const now = new Date(start.getTime() + Math.floor(rnd() * 20 * 86_400_000));
    const pauses: Pause[] = [];
    for (let k = Math.floor(rnd() * 4); k > 0; k--) {
      const from = start.getTime() + Math.floor(rnd() * (now.getTime() - start.getTime()));
      const to = from + Math.floor(rnd() * 3 * 86_400_000);
      pauses.push({
        from: new Date(from),
        to: !closedPauses && rnd() < 0.3 ? null : new Date(Math.min(to, now.getTime())),
      });
    }
    const targetMinutes = [30, 60, 240, 480, 1440, 2880][Math.floor(rnd() * 6)] ?? 60;
    const stoppedAt =
      rnd() < 0.3 ? new Date(start.getTime() + rnd() * (now.getTime() - start.getTime())) : null;
    return { start, targetMinutes, calendar, pauses, now, stoppedAt };
  }

  it.each(calendars)("spans cover start..end, alternate kinds and add up (%s)", (_, calendar) => {
    const rnd = prng(11);
    const tl = WorkingTimeline.build(
      calendar,
      new Date(base - 86_400_000),
      new Date(base + 2 * YEAR),
    );
    for (let i = 0; i < 300; i++) {
      const input = ticket(rnd, calendar);
      const c = computeSlaClock(input, tl);
      const end = input.stoppedAt ?? input.now;
      if (!c.spans.length) continue;
      expect(iso(c.spans[0]?.from)).toBe(iso(input.start));
      expect(iso(c.spans.at(-1)?.to)).toBe(iso(end));
      let running = 0;
      let paused = 0;
      c.spans.forEach((s, k) => {
        const next = c.spans[k + 1];
        expect(s.to > s.from).toBe(true);
        if (next) expect([iso(next.from), next.kind === s.kind]).toEqual([iso(s.to), false]);
        const worked = tl.between(s.from, s.to);
        if (s.kind === "running") {
          expect(worked).toBeCloseTo((s.to.getTime() - s.from.getTime()) / MIN, 6);
          running += worked;
        } else if (s.kind === "paused") paused += worked;
        else expect(worked).toBe(0);
      });
      expect(running).toBeCloseTo(c.usedMinutes, 6);
      expect(paused).toBeCloseTo(c.pausedMinutes, 6);
    }
  });

  it.each(calendars)(
    "the due time is when the used minutes reach the target (%s)",
    (_, calendar) => {
      const rnd = prng(5);
      for (let i = 0; i < 150; i++) {
        const input = { ...ticket(rnd, calendar, true), stoppedAt: null };
        const c = computeSlaClock(input);
        const atDue = computeSlaClock({ ...input, now: c.dueAt });
        expect(iso(atDue.dueAt)).toBe(iso(c.dueAt));
        expect(atDue.usedMinutes).toBeCloseTo(input.targetMinutes, 6);
        expect(atDue.breached).toBe(false);
        const metAtDue = computeSlaClock({ ...input, stoppedAt: c.dueAt });
        expect(metAtDue.breached).toBe(false);
        const metLate = computeSlaClock({ ...input, stoppedAt: new Date(c.dueAt.getTime() + 1) });
        expect(metLate.breached).toBe(true);
        expect(iso(metLate.breachedAt)).toBe(iso(c.dueAt));
        expect(c.breached).toBe(input.now > c.dueAt);
      }
    },
  );

  it.each(calendars)(
    "a shared timeline gives the same clocks as a private one (%s)",
    (_, calendar) => {
      const rnd = prng(3);
      const inputs = Array.from({ length: 200 }, () => ticket(rnd, calendar));
      const range = timelineRangeFor(inputs);
      const shared = WorkingTimeline.build(calendar, range.from, range.to);
      for (const input of inputs)
        expect(computeSlaClock(input, shared)).toEqual(computeSlaClock(input));
    },
  );
});

describe("timeline ranges and shared timelines", () => {
  it("covers a day before the earliest start to well past the latest moment", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const range = timelineRangeFor([
      { start: new Date("2026-11-01T00:00:00Z"), targetMinutes: 3000, now, stoppedAt: null },
      {
        start: new Date("2026-11-20T00:00:00Z"),
        targetMinutes: 60,
        now,
        stoppedAt: new Date("2026-12-01T00:00:00Z"),
      },
    ]);
    expect(iso(range.from)).toBe("2026-10-31T00:00:00.000Z");
    expect(range.to.getTime()).toBeGreaterThanOrEqual(
      new Date("2026-12-01T00:00:00Z").getTime() + 100 * 86_400_000,
    );
    const tl = WorkingTimeline.build(business(LDN), range.from, range.to);
    expect(tl.add(now, 3000)).not.toBeNull();
  });

  it("returns a valid range for no clocks at all", () => {
    const r = timelineRangeFor([]);
    expect(r.to.getTime()).toBeGreaterThan(r.from.getTime());
  });

  it("builds its own timeline when the shared one does not cover the clock", () => {
    const calendar = business(SYD);
    const start = local(2026, 3, 2, 9, 0, SYD);
    const now = local(2026, 3, 20, 9, 0, SYD);
    const own = clock(calendar, start, 6000, now);
    const late = WorkingTimeline.build(
      calendar,
      local(2026, 3, 10, 0, 0, SYD),
      local(2026, 6, 1, 0, 0, SYD),
    );
    const short = WorkingTimeline.build(
      calendar,
      local(2026, 3, 1, 0, 0, SYD),
      local(2026, 3, 21, 0, 0, SYD),
    );
    for (const tl of [late, short]) {
      const input = { start, targetMinutes: 6000, calendar, pauses: [], now };
      expect(computeSlaClock(input, tl)).toEqual(own);
    }
    expect(wall(own.dueAt, SYD)).toBe("Mon Mar 16 2026 09:00"); // 540 + 9 × 600 + 60
  });

  it("reaches a due time far out on a sparse calendar, and gives up clearly past ten years", () => {
    const sparse = business(NY, [], { days: [6], open: "09:00", close: "10:00" }); // 1 h a week
    const start = local(2026, 6, 1, 9, 0, NY);
    const c = clock(sparse, start, 100 * 60, local(2026, 6, 2, 9, 0, NY));
    expect(wall(c.dueAt, NY)).toBe("Sat Apr 29 2028 10:00"); // the hundredth Saturday: 6 June 2026 + 99 weeks
    const never = business(NY, [], { days: [6], open: "09:00", close: "09:01" });
    expect(() => clock(never, start, 1_000_000, start)).toThrow(/more than ten years/);
  });
});

describe("bad input", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])("refuses a target of %s minutes", (t) => {
    expect(() => clock(ALWAYS, now, t, now)).toThrow(/positive number of minutes/);
  });

  it("refuses invalid dates", () => {
    const bad = new Date(Number.NaN);
    expect(() => clock(ALWAYS, bad, 60, now)).toThrow(/start is not a valid date/);
    expect(() => clock(ALWAYS, now, 60, bad)).toThrow(/now is not a valid date/);
    expect(() => clock(ALWAYS, now, 60, now, [], bad)).toThrow(/stop is not a valid date/);
    expect(() => clock(ALWAYS, now, 60, now, [{ from: bad, to: null }])).toThrow(/pause's start/);
  });

  it("refuses a bad calendar with a clear message", () => {
    expect(() => clock(business("Mars/Olympus"), now, 60, now)).toThrow(/Unknown time zone/);
    expect(() => clock(business(NY, [], { open: "18:00", close: "08:00" }), now, 60, now)).toThrow(
      /Opening time must be before closing/,
    );
    expect(() => clock(business(NY, [], { close: "6pm" }), now, 60, now)).toThrow(/HH:MM/);
  });
});
