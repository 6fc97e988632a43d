import { describe, expect, it } from "vitest";
import { Random } from "./random";

describe("Random", () => {
  it("is deterministic for a seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it("stays within integer bounds", () => {
    const r = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(1, 5);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});
