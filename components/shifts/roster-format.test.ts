import { describe, expect, it } from "vitest";
import {
  crossesMidnight,
  formatDays,
  formatRange,
  formatRounds,
  moved,
  rosterSite,
  scanUrl,
  shiftLength,
  siteToday,
} from "./roster-format";

describe("roster formatting", () => {
  it("reads days of the week as runs", () => {
    expect(formatDays([1, 2, 3, 4, 5, 6, 7])).toBe("Every day");
    expect(formatDays([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(formatDays([7, 6])).toBe("Sat, Sun");
    expect(formatDays([1, 3, 4, 5, 7])).toBe("Mon, Wed–Fri, Sun");
    expect(formatDays([])).toBe("No days");
  });

  it("says when a shift crosses midnight and how long it lasts", () => {
    expect(crossesMidnight("22:00", "06:00")).toBe(true);
    expect(crossesMidnight("07:00", "15:00")).toBe(false);
    expect(shiftLength("22:00", "06:00")).toBe("8 h");
    expect(shiftLength("07:00", "14:30")).toBe("7.5 h");
  });

  it("describes a tour's rounds", () => {
    expect(formatRounds({ windowStart: "20:00", windowEnd: "06:00", everyMinutes: 120 })).toBe(
      "every 2 h from 20:00 to 06:00",
    );
    expect(formatRounds({ windowStart: "08:00", windowEnd: "18:00", everyMinutes: 45 })).toBe(
      "every 45 min from 08:00 to 18:00",
    );
    expect(formatRounds({ windowStart: "08:00", windowEnd: "18:00", everyMinutes: 90 })).toBe(
      "every 1 h 30 min from 08:00 to 18:00",
    );
  });

  it("moves one item up or down and ignores moves past the ends", () => {
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("joins the origin and the scan path once", () => {
    expect(scanUrl("https://ops.example", "/me/shifts/scan/abc")).toBe(
      "https://ops.example/me/shifts/scan/abc",
    );
    expect(scanUrl("https://ops.example/", "/me/shifts/scan/abc")).toBe(
      "https://ops.example/me/shifts/scan/abc",
    );
  });

  it("picks the asked-for site only when it is the user's, else their first active one", () => {
    const sites = [
      { id: "a", active: false },
      { id: "b", active: true },
    ];
    expect(rosterSite(null, sites)).toEqual({ siteId: "b", missing: false });
    expect(rosterSite("a", sites)).toEqual({ siteId: "a", missing: false });
    expect(rosterSite("z", sites)).toEqual({ siteId: null, missing: true });
    expect(rosterSite(null, [])).toEqual({ siteId: null, missing: false });
  });

  it("gives a site's own calendar day and reads date ranges", () => {
    const now = new Date("2026-12-03T02:30:00Z");
    expect(siteToday("America/Chicago", now)).toBe("2026-12-02");
    expect(siteToday("Australia/Sydney", now)).toBe("2026-12-03");
    expect(formatRange("2026-12-01", null)).toBe("from 1 Dec 2026");
    expect(formatRange("2026-12-01", "2027-01-31")).toBe("1 Dec 2026 – 31 Jan 2027");
  });
});
