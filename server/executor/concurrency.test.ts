import { describe, expect, it } from "vitest";
import { bucketLockId, fitWithinLimits, parseConcurrency, runConcurrency } from "./concurrency";
import type { InngestEvent } from "./types";

const event = (data: Record<string, unknown>): InngestEvent => ({
  id: "e1",
  name: "noc/alert.created",
  data,
  ts: 0,
});

describe("concurrency", () => {
  it("reads every form the SDK registers", () => {
    expect(parseConcurrency(undefined)).toBeNull();
    expect(parseConcurrency(null)).toBeNull();
    expect(parseConcurrency(3)).toEqual([{ limit: 3 }]);
    expect(parseConcurrency({ limit: 1 })).toEqual([{ limit: 1 }]);
    expect(parseConcurrency({ key: "event.data.tenantId", limit: 10, scope: "fn" })).toEqual([
      { limit: 10, key: "event.data.tenantId" },
    ]);
    expect(
      parseConcurrency([{ limit: 5 }, { key: "event.data.tenantId", limit: 2, scope: "account" }]),
    ).toEqual([{ limit: 5 }, { limit: 2, key: "event.data.tenantId", scope: "account" }]);
    // 0 is "no limit of its own" in Inngest; nonsense is ignored rather than failing a sync
    expect(parseConcurrency({ limit: 0 })).toBeNull();
    expect(parseConcurrency([{ key: "event.data.x" }, "five", { limit: 2 }])).toEqual([
      { limit: 2 },
    ]);
  });

  it("puts a run in one bucket per limit: the function's, or the function's and key's", () => {
    expect(runConcurrency("app-fn", null, event({}))).toBeNull();
    expect(
      runConcurrency(
        "app-fn",
        [{ limit: 1 }, { key: "event.data.tenantId", limit: 2 }],
        event({ tenantId: "t-1" }),
      ),
    ).toEqual([
      { k: "app-fn", n: 1 },
      { k: "app-fn:event.data.tenantId=t-1", n: 2 },
    ]);
    expect(
      runConcurrency("app-fn", [{ key: "event.data.n", limit: 2 }], event({ n: 7 }))?.[0]?.k,
    ).toBe("app-fn:event.data.n=7");
  });

  it("puts a run whose key does not evaluate in one shared bucket", () => {
    const limits = [{ key: "event.data.tenantId", limit: 2 }];
    expect(runConcurrency("app-fn", limits, event({}))).toEqual([
      { k: "app-fn:event.data.tenantId=", n: 2 },
    ]);
    // CEL this executor does not read (string concatenation)
    const concat = [{ key: 'event.data.a + "-" + event.data.b', limit: 2 }];
    expect(runConcurrency("app-fn", concat, event({ a: "x", b: "y" }))?.[0]?.k).toBe(
      'app-fn:event.data.a + "-" + event.data.b=',
    );
  });

  it("keeps runs in order while their buckets have room", () => {
    const run = (id: string, ...buckets: [string, number][]) => ({
      id,
      concurrency: buckets.length ? buckets.map(([k, n]) => ({ k, n })) : null,
    });
    const runs = [
      run("a1", ["a", 2]),
      run("a2", ["a", 2]),
      run("free"),
      run("a3", ["a", 2]),
      run("b1", ["b", 1]),
      run("ab", ["a", 5], ["b", 1]),
      run("c1", ["fn", 3], ["c", 1]),
    ];
    const { keep, release } = fitWithinLimits(runs, new Map([["a", 1]]));
    expect(keep.map((r) => r.id)).toEqual(["a1", "free", "b1", "c1"]);
    expect(release.map((r) => r.id)).toEqual(["a2", "a3", "ab"]);
  });

  it("gives each bucket a stable 32-bit lock id", () => {
    const id = bucketLockId("app-fn:event.data.tenantId=t-1");
    expect(id).toBe(bucketLockId("app-fn:event.data.tenantId=t-1"));
    expect(id).not.toBe(bucketLockId("app-fn:event.data.tenantId=t-2"));
    expect(Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31).toBe(true);
  });
});
