import { describe, expect, it } from "vitest";
import { alertsToClear, DEMO_OPEN_TARGET } from "./simulate-pace";

describe("the demo queue's pace", () => {
  it("clears two a tick well over the target and one just over it, whatever the draw", () => {
    for (const r of [0, 0.5, 0.99]) {
      expect(alertsToClear(DEMO_OPEN_TARGET + 11, DEMO_OPEN_TARGET, r)).toBe(2);
      expect(alertsToClear(DEMO_OPEN_TARGET + 1, DEMO_OPEN_TARGET, r)).toBe(1);
    }
  });

  it("under the target clears less often than alerts arrive, and never from an empty queue", () => {
    expect(alertsToClear(0, 40, 0)).toBe(0);
    expect(alertsToClear(20, 40, 0.29)).toBe(1);
    expect(alertsToClear(20, 40, 0.31)).toBe(0);
    expect(alertsToClear(40, 40, 0.59)).toBe(1);
    expect(alertsToClear(40, 40, 0.61)).toBe(0);
  });

  it("settles near the target instead of growing", () => {
    // one arrival a tick (a repeat now and then merges), clearing as the rule says
    let open = 0;
    let seed = 7;
    const draw = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const seen: number[] = [];
    for (let tick = 0; tick < 2000; tick++) {
      if (draw() >= 0.2) open += 1;
      open -= Math.min(open, alertsToClear(open, DEMO_OPEN_TARGET, draw()));
      if (tick > 500) seen.push(open);
    }
    expect(Math.max(...seen)).toBeLessThanOrEqual(DEMO_OPEN_TARGET + 12);
    expect(Math.min(...seen)).toBeGreaterThan(DEMO_OPEN_TARGET / 3);
  });
});
