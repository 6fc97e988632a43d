import { describe, expect, it } from "vitest";
import { changedFields } from "./record";

describe("changedFields", () => {
  it("keeps only what changed", () => {
    expect(changedFields({ a: 1, b: "x", c: [1] }, { a: 1, b: "y", c: [1, 2] })).toEqual({
      before: { b: "x", c: [1] },
      after: { b: "y", c: [1, 2] },
    });
  });
  it("keeps whole values for creates and deletes", () => {
    expect(changedFields(null, { a: 1 })).toEqual({ before: null, after: { a: 1 } });
  });
});
