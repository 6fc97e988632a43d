import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyThrottle } from "./key-throttle";

describe("createKeyThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands over the first keys at once, then what arrives within the interval together", () => {
    const flushed: string[][] = [];
    const t = createKeyThrottle(300, (keys) => flushed.push(keys.sort()));
    t.add(["alert"]);
    vi.advanceTimersByTime(0);
    expect(flushed).toEqual([["alert"]]);
    // 50 events a second for a second: a handful of flushes, every key in the next one
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(20);
      t.add(i % 2 ? ["alert", "nocSettings"] : ["alert"]);
    }
    expect(flushed.length).toBeGreaterThanOrEqual(3);
    expect(flushed.length).toBeLessThanOrEqual(5);
    expect(flushed.slice(1).every((k) => k.join() === "alert,nocSettings")).toBe(true);
    // nothing is lost: what came last goes out by the end of the interval
    vi.advanceTimersByTime(300);
    const total = flushed.length;
    vi.advanceTimersByTime(1000);
    expect(flushed.length).toBe(total);
  });

  it("keeps at least the interval between two flushes, and goes out at once after a quiet spell", () => {
    const at: number[] = [];
    const t = createKeyThrottle(300, () => at.push(Date.now()));
    const start = Date.now();
    t.add(["a"]);
    vi.advanceTimersByTime(10);
    t.add(["b"]);
    vi.advanceTimersByTime(400);
    expect(at.map((x) => x - start)).toEqual([0, 300]);
    vi.advanceTimersByTime(1000);
    t.add(["c"]);
    vi.advanceTimersByTime(0);
    expect(at.length).toBe(3);
    expect((at[2] ?? 0) - start).toBe(1410);
  });

  it("flushes nothing for no keys, and nothing after dispose", () => {
    const flush = vi.fn();
    const t = createKeyThrottle(300, flush);
    t.add([]);
    vi.advanceTimersByTime(500);
    expect(flush).not.toHaveBeenCalled();
    t.add(["a"]);
    t.dispose();
    vi.advanceTimersByTime(500);
    expect(flush).not.toHaveBeenCalled();
  });
});
