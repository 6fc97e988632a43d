import { describe, expect, it } from "vitest";
import {
  addDays,
  isoWeekday,
  localClock,
  localDay,
  localInstant,
  minutesOf,
  roundStarts,
  shiftInstants,
} from "./schedule";

const hours = (s: { startsAt: Date; endsAt: Date }) =>
  (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000;
const iso = (d: Date) => d.toISOString().replace(".000", "");

describe("night shifts across the 2026 daylight-saving changes", () => {
  // [zone, local day the shift starts, start UTC, end UTC, hours]
  const cases: [string, string, string, string, number][] = [
    // northern spring: the clocks go forward in the night, 7 hours worked
    ["America/New_York", "2026-03-07", "2026-03-08T03:00:00Z", "2026-03-08T10:00:00Z", 7],
    ["Europe/London", "2026-03-28", "2026-03-28T22:00:00Z", "2026-03-29T05:00:00Z", 7],
    // northern autumn: back, 9 hours
    ["America/New_York", "2026-10-31", "2026-11-01T02:00:00Z", "2026-11-01T11:00:00Z", 9],
    ["Europe/London", "2026-10-24", "2026-10-24T21:00:00Z", "2026-10-25T06:00:00Z", 9],
    // southern hemisphere: Sydney's summer time ends in April (9 h) and starts in October (7 h)
    ["Australia/Sydney", "2026-04-04", "2026-04-04T11:00:00Z", "2026-04-04T20:00:00Z", 9],
    ["Australia/Sydney", "2026-10-03", "2026-10-03T12:00:00Z", "2026-10-03T19:00:00Z", 7],
    // and an ordinary night, for contrast
    ["America/New_York", "2026-06-01", "2026-06-02T02:00:00Z", "2026-06-02T10:00:00Z", 8],
    ["Australia/Sydney", "2026-06-01", "2026-06-01T12:00:00Z", "2026-06-01T20:00:00Z", 8],
  ];
  it.each(cases)("%s 22:00–06:00 from %s", (zone, day, start, end, h) => {
    const s = shiftInstants(day, "22:00", "06:00", zone);
    expect(iso(s.startsAt)).toBe(start.replace(".000", ""));
    expect(iso(s.endsAt)).toBe(end);
    expect(hours(s)).toBe(h);
    // read back on the site's clock, the shift still says 22:00 to 06:00
    expect(localClock(zone, s.startsAt)).toBe("22:00");
    expect(localClock(zone, s.endsAt)).toBe("06:00");
  });

  it("keeps day shifts on the changing days at their local hours", () => {
    const ny = shiftInstants("2026-03-08", "07:00", "19:00", "America/New_York");
    expect(iso(ny.startsAt)).toBe("2026-03-08T11:00:00Z"); // EDT already
    expect(hours(ny)).toBe(12);
    const london = shiftInstants("2026-10-25", "00:00", "08:00", "Europe/London");
    expect(iso(london.startsAt)).toBe("2026-10-24T23:00:00Z"); // midnight BST
    expect(hours(london)).toBe(9);
  });
});

describe("local times that do not exist or exist twice (the one rule)", () => {
  it("moves a time in the spring-forward gap forward by the gap", () => {
    // 02:30 does not exist in New York on 8 March 2026: it is read as 03:30 EDT
    expect(iso(localInstant("2026-03-08", minutesOf("02:30"), "America/New_York"))).toBe(
      "2026-03-08T07:30:00Z",
    );
    expect(
      localClock("America/New_York", localInstant("2026-03-08", 150, "America/New_York")),
    ).toBe("03:30");
    // London skips 01:00–02:00 on 29 March: 01:30 is 02:30 BST
    expect(iso(localInstant("2026-03-29", minutesOf("01:30"), "Europe/London"))).toBe(
      "2026-03-29T01:30:00Z",
    );
    // Sydney skips 02:00–03:00 on 4 October: 02:30 is 03:30 AEDT
    expect(iso(localInstant("2026-10-04", minutesOf("02:30"), "Australia/Sydney"))).toBe(
      "2026-10-03T16:30:00Z",
    );
  });

  it("takes the earlier instant for a time in the fall-back overlap", () => {
    // 01:30 happens twice in New York on 1 November 2026: the first, 01:30 EDT, is used
    expect(iso(localInstant("2026-11-01", minutesOf("01:30"), "America/New_York"))).toBe(
      "2026-11-01T05:30:00Z",
    );
    expect(iso(localInstant("2026-10-25", minutesOf("01:30"), "Europe/London"))).toBe(
      "2026-10-25T00:30:00Z",
    );
    expect(iso(localInstant("2026-04-05", minutesOf("02:30"), "Australia/Sydney"))).toBe(
      "2026-04-04T15:30:00Z",
    );
  });

  it("a shift ending in the gap ends at the first real minute after it", () => {
    const s = shiftInstants("2026-03-07", "20:00", "02:30", "America/New_York");
    // 20:00 EST to 03:30 EDT: 6.5 hours on the clock of the world, as the guard works them
    expect(iso(s.endsAt)).toBe("2026-03-08T07:30:00Z");
    expect(hours(s)).toBe(6.5);
  });

  it("leaves zones without daylight saving alone", () => {
    expect(iso(localInstant("2026-03-08", 150, "America/Phoenix"))).toBe("2026-03-08T09:30:00Z");
    expect(iso(localInstant("2026-11-01", 90, "Asia/Singapore"))).toBe("2026-10-31T17:30:00Z");
  });
});

describe("calendar helpers", () => {
  it("counts days and weekdays", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(isoWeekday("2026-03-08")).toBe(7); // a Sunday
    expect(isoWeekday("2026-03-09")).toBe(1);
    expect(minutesOf("06:45:00")).toBe(405);
  });

  it("says which local day it is in each zone", () => {
    const at = new Date("2026-06-01T23:30:00Z");
    expect(localDay("America/New_York", at)).toBe("2026-06-01");
    expect(localDay("Australia/Sydney", at)).toBe("2026-06-02");
  });

  it("spaces a tour's rounds through its window, across midnight", () => {
    expect(roundStarts("20:00", "06:00", 120)).toEqual([1200, 1320, 1440, 1560, 1680]);
    expect(roundStarts("08:00", "12:00", 90)).toEqual([480, 570, 660]);
    expect(roundStarts("00:00", "00:00", 360)).toEqual([0, 360, 720, 1080]);
  });
});
