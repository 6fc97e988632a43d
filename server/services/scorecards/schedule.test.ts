import { describe, expect, it } from "vitest";
import { dueMonth } from "./schedule";

describe("when monthly scorecards are due", () => {
  it("on the 1st during 03:00 local time, for the month before", () => {
    expect(dueMonth(new Date("2026-11-01T03:00:00Z"), "UTC")).toBe("2026-10");
    expect(dueMonth(new Date("2026-11-01T03:59:00Z"), "UTC")).toBe("2026-10");
    expect(dueMonth(new Date("2026-11-01T04:00:00Z"), "UTC")).toBeNull();
    expect(dueMonth(new Date("2026-11-02T03:00:00Z"), "UTC")).toBeNull();
  });
  it("in the tenant's zone, across the year end and ahead of UTC", () => {
    // 03:00 in Chicago on 1 January (CST, UTC-6) is 09:00 UTC
    expect(dueMonth(new Date("2027-01-01T09:00:00Z"), "America/Chicago")).toBe("2026-12");
    expect(dueMonth(new Date("2027-01-01T03:00:00Z"), "America/Chicago")).toBeNull();
    // 03:00 in Auckland on 1 December (NZDT, UTC+13) is 14:00 UTC on 30 November
    expect(dueMonth(new Date("2026-11-30T14:00:00Z"), "Pacific/Auckland")).toBe("2026-11");
  });
});
