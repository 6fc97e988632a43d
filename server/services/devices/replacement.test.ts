import { describe, expect, it } from "vitest";
import { replacementReason } from "./replacement";

describe("predictive replacement", () => {
  it("lists a device whose daily score fell seven days in a row", () => {
    expect(replacementReason([90, 85, 80, 76, 70, 66, 60, 55], 0)).toBe(
      "Health score fell 7 days in a row (90 → 55)",
    );
  });
  it("not when one day held or rose, or a day is missing", () => {
    expect(replacementReason([90, 85, 80, 80, 70, 66, 60, 55], 0)).toBeNull();
    expect(replacementReason([90, 85, null, 76, 70, 66, 60, 55], 0)).toBeNull();
    expect(replacementReason([85, 80, 76, 70, 66, 60, 55], 0)).toBeNull();
  });
  it("lists a device that failed 3 or more times in 30 days", () => {
    expect(replacementReason([], 3)).toBe("3 failures in the last 30 days");
    expect(replacementReason([], 2)).toBeNull();
  });
  it("gives both reasons when both hold", () => {
    expect(replacementReason([90, 85, 80, 76, 70, 66, 60, 55], 4)).toMatch(
      /in a row.*; 4 failures/,
    );
  });
});
