import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shareInFlight, staleWhileRevalidate, ttlMemo } from "./memo";

describe("ttlMemo", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("computes once per key while fresh, and again once the time is up", async () => {
    const memo = ttlMemo<number>(1_000);
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    expect(await Promise.all([memo("a", compute), memo("a", compute)])).toEqual([1, 1]);
    expect(await memo("b", compute)).toBe(2);
    vi.advanceTimersByTime(999);
    expect(await memo("a", compute)).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await memo("a", compute)).toBe(3);
  });

  it("forgets a failure, so the next caller computes again", async () => {
    const memo = ttlMemo<number>(1_000);
    await expect(memo("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await memo("a", () => Promise.resolve(7))).toBe(7);
  });

  it("drops stale keys once it holds too many", async () => {
    const memo = ttlMemo<string>(1_000, 2);
    await memo("a", () => Promise.resolve("a1"));
    vi.advanceTimersByTime(1_000);
    await memo("b", () => Promise.resolve("b1"));
    await memo("c", () => Promise.resolve("c1")); // three keys: stale "a" goes
    expect(await memo("a", () => Promise.resolve("a2"))).toBe("a2");
    expect(await memo("b", () => Promise.resolve("b2"))).toBe("b1");
  });
});

describe("staleWhileRevalidate", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers with the stale value at once while one computation refreshes it", async () => {
    const memo = staleWhileRevalidate<number>(1_000, 60_000);
    let calls = 0;
    let release: (() => void) | undefined;
    const slow = () =>
      new Promise<number>((resolve) => {
        const n = ++calls;
        release = () => resolve(n);
      });
    const first = memo("a", slow);
    release?.();
    expect(await first).toBe(1);
    vi.advanceTimersByTime(1_000);
    // stale: the old value now, one refresh behind it however many ask
    expect(await Promise.all([memo("a", slow), memo("a", slow)])).toEqual([1, 1]);
    expect(calls).toBe(2);
    release?.();
    await Promise.resolve();
    expect(await memo("a", slow)).toBe(2);
    expect(calls).toBe(2);
  });

  it("keeps the old value when a refresh fails, and tries again on the next call", async () => {
    const memo = staleWhileRevalidate<number>(1_000, 60_000);
    expect(await memo("a", () => Promise.resolve(1))).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(await memo("a", () => Promise.reject(new Error("down")))).toBe(1);
    await Promise.resolve();
    expect(await memo("a", () => Promise.resolve(2))).toBe(1);
    await Promise.resolve();
    expect(await memo("a", () => Promise.resolve(3))).toBe(2);
  });

  it("makes callers wait for a fresh value once the old one is too stale", async () => {
    const memo = staleWhileRevalidate<number>(1_000, 60_000);
    expect(await memo("a", () => Promise.resolve(1))).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(await memo("a", () => Promise.resolve(2))).toBe(2);
  });
});

describe("shareInFlight", () => {
  it("shares a computation among the callers that ask while it runs, and no longer", async () => {
    const share = shareInFlight<number>();
    let calls = 0;
    let release: () => void = () => undefined;
    const slow = () =>
      new Promise<number>((resolve) => {
        calls += 1;
        const n = calls;
        release = () => resolve(n);
      });
    const first = share("a", slow);
    const second = share("a", slow);
    expect(calls).toBe(1);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    // done: the next caller reads again
    const third = share("a", slow);
    release();
    expect(await third).toBe(2);
  });

  it("hands a failure to the callers that shared it, and the next caller tries again", async () => {
    const share = shareInFlight<number>();
    const failing = share("a", () => Promise.reject(new Error("down")));
    const sharing = share("a", () => Promise.resolve(1));
    await expect(failing).rejects.toThrow("down");
    await expect(sharing).rejects.toThrow("down");
    expect(await share("a", () => Promise.resolve(2))).toBe(2);
  });
});
