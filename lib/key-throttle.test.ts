import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyThrottle } from "./key-throttle";

describe("createKeyThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands over the first keys at once, then what arrives within the interval together", async () => {
    const flushed: string[][] = [];
    const t = createKeyThrottle(300, (keys) => flushed.push(keys.sort()));
    t.add(["alert"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toEqual([["alert"]]);
    // 50 events a second for a second: a handful of flushes, every key in the next one
    for (let i = 0; i < 50; i++) {
      await vi.advanceTimersByTimeAsync(20);
      t.add(i % 2 ? ["alert", "nocSettings"] : ["alert"]);
    }
    expect(flushed.length).toBeGreaterThanOrEqual(3);
    expect(flushed.length).toBeLessThanOrEqual(5);
    expect(flushed.slice(1).every((k) => k.join() === "alert,nocSettings")).toBe(true);
    // nothing is lost: what came last goes out by the end of the interval
    await vi.advanceTimersByTimeAsync(300);
    const total = flushed.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(flushed.length).toBe(total);
  });

  it("keeps at least the interval between two flushes, and goes out at once after a quiet spell", async () => {
    const at: number[] = [];
    const t = createKeyThrottle(300, () => at.push(Date.now()));
    const start = Date.now();
    t.add(["a"]);
    await vi.advanceTimersByTimeAsync(10);
    t.add(["b"]);
    await vi.advanceTimersByTimeAsync(400);
    expect(at.map((x) => x - start)).toEqual([0, 300]);
    await vi.advanceTimersByTimeAsync(1000);
    t.add(["c"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(at.length).toBe(3);
    expect((at[2] ?? 0) - start).toBe(1410);
  });

  it("starts no flush while the last one is pending (a slow refetch), then hands over what gathered", async () => {
    const flushed: string[][] = [];
    let finish: () => void = () => undefined;
    const t = createKeyThrottle(300, (keys) => {
      flushed.push(keys.sort());
      return new Promise<void>((r) => (finish = r));
    });
    t.add(["alert"]);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 100; i++) {
      await vi.advanceTimersByTimeAsync(20);
      t.add([i === 50 ? "ticket" : "alert"]);
    }
    // two seconds of events while the first refetch ran: nothing else went out
    expect(flushed).toEqual([["alert"]]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toEqual([["alert"], ["alert", "ticket"]]);
  });

  it("stops waiting for a hand-over that never settles after maxWaitMs", async () => {
    const calls: string[][] = [];
    const t = createKeyThrottle(
      300,
      (keys) => {
        calls.push(keys);
        return new Promise(() => undefined);
      },
      5_000,
    );
    t.add(["a"]);
    await vi.advanceTimersByTimeAsync(0);
    t.add(["b"]);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(calls).toEqual([["a"]]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([["a"], ["b"]]);
  });

  it("goes on after a flush that fails", async () => {
    const calls: string[][] = [];
    const t = createKeyThrottle(300, (keys) => {
      calls.push(keys);
      return Promise.reject(new Error("offline"));
    });
    t.add(["a"]);
    await vi.advanceTimersByTimeAsync(0);
    t.add(["b"]);
    await vi.advanceTimersByTimeAsync(400);
    expect(calls).toEqual([["a"], ["b"]]);
  });

  it("flushes nothing for no keys, and nothing after dispose", async () => {
    const flush = vi.fn();
    const t = createKeyThrottle(300, flush);
    t.add([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(flush).not.toHaveBeenCalled();
    t.add(["a"]);
    t.dispose();
    await vi.advanceTimersByTimeAsync(500);
    expect(flush).not.toHaveBeenCalled();
  });
});
