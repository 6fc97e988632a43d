import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "@/server/services/jobs/cron";
import { retryAfterMs, retryDelayMs, wakeTime } from "./timing";

const now = new Date("2026-11-28T12:00:00Z");

describe("timing", () => {
  it("reads Inngest durations and dates", () => {
    expect(wakeTime("1s", now).toISOString()).toBe("2026-11-28T12:00:01.000Z");
    expect(wakeTime("1h30m", now).toISOString()).toBe("2026-11-28T13:30:00.000Z");
    expect(wakeTime("2d", now).toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(wakeTime("2030-01-01T00:00:00.000Z", now).toISOString()).toBe(
      "2030-01-01T00:00:00.000Z",
    );
    expect(() => wakeTime("soon", now)).toThrow();
  });
  it("backs off exponentially with jitter and a cap", () => {
    expect(retryDelayMs(1, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(9000);
    expect(retryDelayMs(20, 1000, () => 0.5)).toBe(600_000);
    expect(retryDelayMs(2, 1000, () => 0)).toBe(2700);
  });
  it("reads retry-after", () => {
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs("2026-11-28T12:01:00Z", now)).toBe(60_000);
    expect(retryAfterMs(null, now)).toBeNull();
  });
  it("splits the TZ prefix of a cron", () => {
    expect(parseCron("TZ=America/Chicago 0 6 * * *")).toEqual({
      timezone: "America/Chicago",
      expression: "0 6 * * *",
    });
    expect(parseCron("*/5 * * * *")).toEqual({ timezone: undefined, expression: "*/5 * * * *" });
  });
  it("finds the next tick in the cron's own time zone, across a DST change", () => {
    // 06:00 in Chicago is 12:00 UTC in winter (CST) and 11:00 UTC in summer (CDT)
    expect(nextCronTime("TZ=America/Chicago 0 6 * * *", now)?.toISOString()).toBe(
      "2026-11-29T12:00:00.000Z",
    );
    expect(
      nextCronTime("TZ=America/Chicago 0 6 * * *", new Date("2027-03-13T13:00:00Z"))?.toISOString(),
    ).toBe("2027-03-14T11:00:00.000Z");
  });
});
