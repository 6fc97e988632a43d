import { describe, expect, it } from "vitest";
import {
  formatDate,
  zoneLongName,
  formatDateTime,
  formatDay,
  formatAge,
  formatDuration,
  formatElapsed,
  formatHours,
  formatMinutes,
  formatRelative,
  formatTime,
  localTime,
  zoneName,
} from "./format";

const SGT_MIDNIGHT = new Date("2026-11-04T16:41:00Z"); // 00:41 on 5 Nov in Singapore

describe("times", () => {
  it("midnight in Singapore is 00:41, never 24:41", () => {
    expect(localTime("Asia/Singapore", SGT_MIDNIGHT)).toBe("00:41 SGT");
    expect(formatTime(SGT_MIDNIGHT, { timeZone: "Asia/Singapore" })).toBe("00:41 SGT");
    expect(formatDateTime(SGT_MIDNIGHT, "Asia/Singapore")).toBe("5 Nov 2026, 00:41 SGT");
    for (let h = 0; h < 24; h++) {
      const at = new Date(Date.UTC(2026, 10, 4, h, 5));
      for (const tz of ["Asia/Singapore", "America/Chicago", "Asia/Kolkata", "UTC"])
        expect(formatTime(at, { timeZone: tz })).toMatch(/^([01]\d|2[0-3]):[0-5]\d /);
    }
  });

  it("names the site's zone, in winter and in summer", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    const summer = new Date("2026-07-15T12:00:00Z");
    expect(zoneName(winter, "America/Chicago")).toBe("CST");
    expect(zoneName(summer, "America/Chicago")).toBe("CDT");
    expect(zoneName(winter, "Europe/London")).toBe("GMT");
    expect(zoneName(summer, "Europe/London")).toBe("BST");
    expect(zoneName(winter, "Europe/Berlin")).toBe("CET");
    expect(zoneName(winter, "Australia/Sydney")).toBe("AEDT");
    expect(zoneName(winter, "Asia/Kolkata")).toBe("IST");
    expect(zoneName(winter, "Asia/Singapore")).toBe("SGT");
    expect(zoneName(winter, "Asia/Tokyo")).toBe("GMT+9");
    expect(formatDateTime(summer, { timeZone: "America/Chicago", weekday: true })).toBe(
      "Wed 15 Jul 2026, 07:00 CDT",
    );
  });

  it("one date format everywhere", () => {
    expect(formatDate(SGT_MIDNIGHT, { timeZone: "UTC" })).toBe("4 Nov 2026");
    expect(formatDate(SGT_MIDNIGHT, { timeZone: "Asia/Singapore" })).toBe("5 Nov 2026");
    expect(formatDay("2026-11-03")).toBe("3 Nov");
    expect(formatDay("2026-12-25", { year: true })).toBe("25 Dec 2026");
    expect(formatDay("nonsense")).toBe("nonsense");
  });

  it("relative to the now it is given", () => {
    const now = new Date("2026-11-04T12:00:00Z");
    expect(formatRelative(new Date("2026-11-04T11:57:00Z"), now)).toBe("3 minutes ago");
    expect(formatRelative(new Date("2026-11-04T14:00:00Z"), now)).toBe("in 2 hours");
    expect(formatRelative(new Date("2026-11-04T11:59:50Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2026-11-03T12:00:00Z"), now)).toBe("yesterday");
  });
});

describe("durations: one formatter", () => {
  it("ticks in seconds under an hour, then hours and minutes, then days", () => {
    expect(formatDuration(59_999)).toBe("59 s");
    expect(formatDuration(-90_000)).toBe("1 min 30 s");
    expect(formatDuration(42 * 60_000 + 7_000)).toBe("42 min 07 s");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 05 min");
    expect(formatDuration(76 * 3_600_000)).toBe("3 d 4 h");
  });
  it("working time and averages in minutes", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(0.2)).toBe("under 1 min");
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(240)).toBe("4 h");
    expect(formatMinutes(150)).toBe("2 h 30 min");
    expect(formatMinutes(1800)).toBe("30 h");
    expect(formatMinutes(5 * 1440 + 120)).toBe("5 d 2 h");
    expect(formatDuration(5 * 3_600_000, { precision: "min", daysFromHours: 48 })).toBe("5 h");
    expect(formatDuration(72 * 3_600_000, { precision: "min", daysFromHours: 48 })).toBe("3 d");
  });
  it("short runs in milliseconds and tenths of a second", () => {
    expect(formatDuration(250, { precision: "ms" })).toBe("250 ms");
    expect(formatDuration(4_240, { precision: "ms" })).toBe("4.2 s");
    expect(formatDuration(192_000, { precision: "ms" })).toBe("3 min 12 s");
  });
  it("a run's elapsed time, to now while it runs", () => {
    const start = new Date("2026-11-04T12:00:00Z");
    expect(formatElapsed(start, new Date("2026-11-04T12:00:04.240Z"), start)).toBe("4.2 s");
    expect(formatElapsed(start, null, new Date("2026-11-04T12:03:12Z"))).toBe("3 min 12 s");
    expect(formatElapsed(start, null, new Date("2026-11-04T11:59:00Z"))).toBe("0 ms");
  });
  it("an age in minutes, hours, then days; a clock a moment behind reads as none", () => {
    const now = new Date("2026-11-04T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(formatAge(ago(12 * 60_000), now)).toBe("12 min");
    expect(formatAge(ago(3 * 3_600_000 + 5 * 60_000), now)).toBe("3 h 5 min");
    expect(formatAge(ago(72 * 3_600_000), now)).toBe("3 d");
    expect(formatAge(ago(-5_000), now)).toBe("0 min");
  });
  it("estimates in hours", () => {
    expect(formatHours(1.5)).toBe("1.5 hours");
    expect(formatHours(1)).toBe("1 hour");
    expect(formatHours(2.25)).toBe("2.3 hours");
  });
});

describe("zoneLongName", () => {
  it("spells out the zone a time falls in, standard or daylight", () => {
    expect(zoneLongName("2026-01-15T12:00:00Z", "America/Chicago")).toBe(
      "Central Standard Time (America/Chicago)",
    );
    expect(zoneLongName("2026-07-15T12:00:00Z", "America/Chicago")).toBe(
      "Central Daylight Time (America/Chicago)",
    );
  });
});
