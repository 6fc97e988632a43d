import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { WorkingTimeline, type SlaCalendar } from "./calendar";
import { computeSlaClock, timelineRangeFor, type Pause } from "./clock";

/** A wall time in a zone, as an instant: local(2026, 3, 8, 9, 0, "America/New_York"). */
const local = (y: number, m: number, d: number, h: number, mi: number, tz: string) =>
  new Date(new TZDate(y, m - 1, d, h, mi, tz).getTime());
const iso = (d: Date) => d.toISOString();

const business = (
  timeZone: string,
  holidays: string[] = [],
): Extract<SlaCalendar, { kind: "business" }> => ({
  kind: "business",
  timeZone,
  days: [1, 2, 3, 4, 5],
  open: "08:00",
  close: "18:00",
  holidays,
});
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

describe("SLA clock on a 24x7 calendar", () => {
  it("counts every minute, across a DST change in real elapsed time", () => {
    const start = new Date("2026-03-08T05:00:00Z"); // midnight in New York, the night clocks go forward
    const c = clock({ kind: "24x7" }, start, 240, new Date("2026-03-08T06:00:00Z"));
    expect(iso(c.dueAt)).toBe("2026-03-08T09:00:00.000Z");
    expect(c.usedMinutes).toBe(60);
    expect(c.remainingMinutes).toBe(180);
    expect(c.fractionUsed).toBe(0.25);
    expect(c.breached).toBe(false);
  });

  it("breaches once now passes the due time, and reports when", () => {
    const start = new Date("2026-05-01T10:00:00Z");
    const c = clock({ kind: "24x7" }, start, 60, new Date("2026-05-01T11:30:00Z"));
    expect(c.breached).toBe(true);
    expect(iso(c.breachedAt ?? new Date(0))).toBe("2026-05-01T11:00:00.000Z");
    expect(c.remainingMinutes).toBe(-30);
  });
});

describe("SLA clock on business hours", () => {
  it("carries a Friday-afternoon ticket over the weekend (New York)", () => {
    const start = local(2026, 11, 20, 17, 0, NY); // Friday 17:00
    const c = clock(business(NY), start, 240, local(2026, 11, 20, 17, 30, NY));
    expect(iso(c.dueAt)).toBe(iso(local(2026, 11, 23, 11, 0, NY))); // Monday 11:00
    expect(c.usedMinutes).toBe(30);
  });

  it("starts a Saturday ticket on Monday at opening", () => {
    const start = local(2026, 11, 21, 10, 0, LDN);
    const c = clock(business(LDN), start, 60, local(2026, 11, 22, 12, 0, LDN));
    expect(c.usedMinutes).toBe(0);
    expect(iso(c.dueAt)).toBe(iso(local(2026, 11, 23, 9, 0, LDN)));
  });

  it("starts before opening at opening, and after closing the next working day", () => {
    const early = clock(
      business(KOL),
      local(2026, 6, 2, 6, 0, KOL),
      30,
      local(2026, 6, 2, 6, 5, KOL),
    );
    expect(iso(early.dueAt)).toBe(iso(local(2026, 6, 2, 8, 30, KOL)));
    const late = clock(
      business(KOL),
      local(2026, 6, 2, 19, 0, KOL),
      30,
      local(2026, 6, 2, 19, 5, KOL),
    );
    expect(iso(late.dueAt)).toBe(iso(local(2026, 6, 3, 8, 30, KOL)));
  });

  it("keeps a due time at closing on its own day", () => {
    const c = clock(business(NY), local(2026, 6, 1, 17, 0, NY), 60, local(2026, 6, 1, 17, 1, NY));
    expect(iso(c.dueAt)).toBe(iso(local(2026, 6, 1, 18, 0, NY)));
  });

  it("skips a client holiday on the due day", () => {
    const start = local(2026, 12, 24, 16, 0, LDN); // Thursday
    const c = clock(business(LDN, ["2026-12-25"]), start, 180, local(2026, 12, 24, 16, 30, LDN));
    // 2 h on Thursday, Friday is a holiday, 1 h on Monday the 28th
    expect(iso(c.dueAt)).toBe(iso(local(2026, 12, 28, 9, 0, LDN)));
  });

  it.each([
    ["US spring forward", NY, [2026, 3, 6], [2026, 3, 9]],
    ["US fall back", NY, [2026, 10, 30], [2026, 11, 2]],
    ["EU spring forward", LDN, [2026, 3, 27], [2026, 3, 30]],
    ["EU fall back", LDN, [2026, 10, 23], [2026, 10, 26]],
    ["Sydney fall back", SYD, [2026, 4, 3], [2026, 4, 6]],
    ["Sydney spring forward", SYD, [2026, 10, 2], [2026, 10, 5]],
  ] as const)(
    "lands on the right wall time across a DST weekend (%s)",
    (_, tz, [y, m, d], [y2, m2, d2]) => {
      const start = local(y, m, d, 16, 0, tz); // Friday 16:00
      const c = clock(business(tz), start, 4 * 60, local(y, m, d, 16, 1, tz));
      // 2 h Friday + 2 h Monday: Monday 10:00 local, whatever the offset did over the weekend
      expect(iso(c.dueAt)).toBe(iso(local(y2, m2, d2, 10, 0, tz)));
    },
  );

  it("counts a pause only for the working time it covers", () => {
    const start = local(2026, 6, 1, 9, 0, NY); // Monday
    const pauses: Pause[] = [
      { from: local(2026, 6, 1, 10, 0, NY), to: local(2026, 6, 1, 11, 0, NY) }, // 60 working
      { from: local(2026, 6, 1, 17, 0, NY), to: local(2026, 6, 2, 9, 0, NY) }, // 60 + 60 working
      { from: local(2026, 6, 6, 9, 0, NY), to: local(2026, 6, 6, 12, 0, NY) }, // Saturday: nothing
    ];
    const c = clock(business(NY), start, 8 * 60, local(2026, 6, 2, 10, 0, NY), pauses);
    expect(c.pausedMinutes).toBe(180);
    // Monday 9–18 is 540 working minutes, Tuesday 8–10 another 120: 660 − 180 paused
    expect(c.usedMinutes).toBe(480);
    // exactly at the due time: used up, not yet breached
    expect(c.remainingMinutes).toBe(0);
    expect(c.breached).toBe(false);
    expect(iso(c.dueAt)).toBe(iso(local(2026, 6, 2, 10, 0, NY)));
  });

  it("moves the due time while a pause is still open", () => {
    const start = local(2026, 6, 1, 9, 0, NY);
    const pauses: Pause[] = [{ from: local(2026, 6, 1, 10, 0, NY), to: null }];
    const at11 = clock(business(NY), start, 120, local(2026, 6, 1, 11, 0, NY), pauses);
    const at12 = clock(business(NY), start, 120, local(2026, 6, 1, 12, 0, NY), pauses);
    expect(at11.paused).toBe(true);
    expect(at11.usedMinutes).toBe(60);
    expect(at12.usedMinutes).toBe(60);
    expect(at12.dueAt.getTime() - at11.dueAt.getTime()).toBe(60 * 60_000);
  });

  it("merges overlapping pauses", () => {
    const start = local(2026, 6, 1, 9, 0, NY);
    const pauses: Pause[] = [
      { from: local(2026, 6, 1, 10, 0, NY), to: local(2026, 6, 1, 12, 0, NY) },
      { from: local(2026, 6, 1, 11, 0, NY), to: local(2026, 6, 1, 13, 0, NY) },
    ];
    const c = clock(business(NY), start, 600, local(2026, 6, 1, 14, 0, NY), pauses);
    expect(c.pausedMinutes).toBe(180);
    expect(c.usedMinutes).toBe(120);
  });

  it("stops at the first response or resolution, breached or not", () => {
    const start = local(2026, 6, 1, 9, 0, NY);
    const met = clock(
      business(NY),
      start,
      60,
      local(2026, 6, 3, 9, 0, NY),
      [],
      local(2026, 6, 1, 9, 45, NY),
    );
    expect(met).toMatchObject({ breached: false, breachedAt: null, usedMinutes: 45 });
    const late = clock(
      business(NY),
      start,
      60,
      local(2026, 6, 3, 9, 0, NY),
      [],
      local(2026, 6, 1, 11, 0, NY),
    );
    expect(late.breached).toBe(true);
    expect(iso(late.breachedAt ?? new Date(0))).toBe(iso(local(2026, 6, 1, 10, 0, NY)));
  });

  it("draws the explain-this-SLA spans from start to now", () => {
    const start = local(2026, 6, 5, 17, 0, NY); // Friday
    const c = clock(business(NY), start, 600, local(2026, 6, 8, 10, 0, NY), [
      { from: local(2026, 6, 8, 9, 0, NY), to: local(2026, 6, 8, 9, 30, NY) },
    ]);
    expect(c.spans.map((s) => s.kind)).toEqual([
      "running",
      "closed",
      "running",
      "paused",
      "running",
    ]);
    expect(iso(c.spans[0]?.from ?? new Date(0))).toBe(iso(start));
    expect(iso(c.spans.at(-1)?.to ?? new Date(0))).toBe(iso(local(2026, 6, 8, 10, 0, NY)));
  });

  it("refuses bad input with a clear message", () => {
    expect(() => clock(business("Mars/Olympus"), new Date(), 60, new Date())).toThrow(
      /Unknown time zone/,
    );
    expect(() =>
      clock({ ...business(NY), open: "18:00", close: "08:00" }, new Date(), 60, new Date()),
    ).toThrow(/Opening time must be before closing/);
    expect(() => clock({ kind: "24x7" }, new Date(), 0, new Date())).toThrow(/positive number/);
  });
});

describe("working timeline", () => {
  it("agrees with itself: adding the minutes between a and b lands at b (or the next opening)", () => {
    const cal = business(SYD, ["2026-12-25"]);
    const from = new Date("2026-01-01T00:00:00Z");
    const to = new Date("2027-01-01T00:00:00Z");
    const tl = WorkingTimeline.build(cal, from, to);
    let seed = 42;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 300; i++) {
      const a = new Date(from.getTime() + rnd() * 300 * 86_400_000);
      const b = new Date(a.getTime() + rnd() * 20 * 86_400_000);
      const m = tl.between(a, b);
      const back = tl.add(a, m);
      if (!back) throw new Error("outside range");
      // at b when b is working time; else at the close of the last working interval before it
      expect(Math.abs(tl.between(back, b))).toBeLessThan(1e-6);
      expect(back.getTime()).toBeLessThanOrEqual(b.getTime());
    }
  });

  it("is fast to query once built, and covers what a batch of clocks needs", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const range = timelineRangeFor([
      { start: new Date("2026-11-01T00:00:00Z"), targetMinutes: 3000, now, stoppedAt: null },
    ]);
    expect(range.from.getTime()).toBeLessThan(new Date("2026-11-01T00:00:00Z").getTime());
    const tl = WorkingTimeline.build(business(LDN), range.from, range.to);
    expect(tl.add(new Date("2026-11-27T12:00:00Z"), 3000)).not.toBeNull();
    expect(tl.isWorking(local(2026, 11, 27, 12, 0, LDN))).toBe(true);
    expect(tl.isWorking(local(2026, 11, 28, 12, 0, LDN))).toBe(false);
  });
});
