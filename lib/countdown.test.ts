import { describe, expect, it } from "vitest";
import {
  COUNTDOWN_SECONDS_WITHIN_MS,
  countdownTicksInSeconds,
  formatCountdownSpan,
} from "./countdown";

const min = 60_000;
const h = 60 * min;

describe("formatCountdownSpan", () => {
  it("shows seconds only in the last minutes", () => {
    expect(formatCountdownSpan(30_000)).toBe("30 s");
    expect(formatCountdownSpan(4 * min + 7_000)).toBe("4 min 07 s");
    expect(formatCountdownSpan(COUNTDOWN_SECONDS_WITHIN_MS - 1_000)).toBe("4 min 59 s");
    expect(formatCountdownSpan(COUNTDOWN_SECONDS_WITHIN_MS)).toBe("5 min");
  });
  it("reads whole minutes under an hour, never running ahead", () => {
    expect(formatCountdownSpan(42 * min + 59_000)).toBe("42 min");
    expect(formatCountdownSpan(59 * min + 59_999)).toBe("59 min");
  });
  it("reads hours and minutes past an hour, days and hours past two days", () => {
    expect(formatCountdownSpan(h)).toBe("1 h 00 min");
    expect(formatCountdownSpan(3 * h + 5 * min + 40_000)).toBe("3 h 05 min");
    expect(formatCountdownSpan(47 * h + 59 * min)).toBe("47 h 59 min");
    expect(formatCountdownSpan(76 * h)).toBe("3 d 4 h");
    expect(formatCountdownSpan(72 * h)).toBe("3 d");
  });
  it("is the same either side of the due time", () => {
    expect(formatCountdownSpan(-12 * min)).toBe("12 min");
    expect(formatCountdownSpan(-90_000)).toBe("1 min 30 s");
  });
  it("says when it ticks every second", () => {
    expect(countdownTicksInSeconds(4 * min)).toBe(true);
    expect(countdownTicksInSeconds(-4 * min)).toBe(true);
    expect(countdownTicksInSeconds(6 * min)).toBe(false);
  });
});
