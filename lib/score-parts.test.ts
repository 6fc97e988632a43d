import { describe, expect, it } from "vitest";
import { apportion, wholeFactors } from "./score-parts";

/** A small seeded generator, so a failure names the case that broke. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("score parts", () => {
  it("makes the whole parts add up to the score for many random factor sets", () => {
    const next = rng(13);
    const broken: string[] = [];
    for (let run = 0; run < 5000; run++) {
      const n = 1 + Math.floor(next() * 9);
      const weights = Array.from({ length: n }, () =>
        next() < 0.2 ? 0 : Math.round(next() * 4000) / 100,
      );
      const score = Math.floor(next() * 101);
      const parts = apportion(weights, score);
      const sum = weights.reduce((s, w) => s + w, 0);
      const expected = sum > 0 ? score : 0;
      const off = parts.some((p, i) => {
        const exact = sum > 0 ? ((weights[i] ?? 0) * score) / sum : 0;
        return !Number.isInteger(p) || Math.abs(p - exact) >= 1;
      });
      if (parts.reduce((s, p) => s + p, 0) !== expected || off)
        broken.push(`${weights.join(",")} → ${score}: ${parts.join(",")}`);
    }
    // one assertion for all cases: thousands of expect() calls took seconds on a busy machine
    expect(broken).toEqual([]);
  });

  it("gives the points left over to the largest fractions", () => {
    // 92 over 40 + 25 + 10 + 7.5 + 5 + 4 = 91.5: the exact shares are 40.2, 25.1, 10.05, 7.5, 5.03, 4.02
    expect(apportion([40, 25, 10, 7.5, 5, 4], 92)).toEqual([40, 25, 10, 8, 5, 4]);
  });

  it("leaves factors that already add up alone and drops zero parts", () => {
    const factors = [
      { key: "severity", label: "Severity critical", points: 40 },
      { key: "type", label: "fire alarm risk", points: 25 },
      { key: "none", label: "nothing", points: 0 },
    ];
    expect(wholeFactors(factors, 65)).toEqual(factors.slice(0, 2));
  });
});
