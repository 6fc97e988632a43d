import { and, eq, inArray, sql } from "drizzle-orm";
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import {
  Busy,
  startTestApp,
  until,
  WAIT_FOR_TURN_MS,
  type TestApp,
} from "@/server/test/executor-app";
import { claimDueRuns } from "./claim";
import { createRuns } from "./runs";

/*
 * The embedded executor's priority classes and concurrency limits, with several executors
 * sharing the database, through the SDK's real serve handler.
 */
const order: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
/** steps of the concurrency-limited functions: in flight and at most, per bucket */
const busy = new Busy();

function makeFunctions(c: Inngest.Any, appId: string) {
  return [
    c.createFunction(
      {
        id: "prioritised",
        triggers: [{ event: `${appId}/prio` }],
        priority: { run: "event.data.bulk == true ? -600 : 0" },
      },
      async ({ event }) => {
        order.push(String(event.data.key));
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 100));
        inFlight -= 1;
        return "done";
      },
    ),
    c.createFunction(
      { id: "one-at-a-time", concurrency: { limit: 1 }, triggers: [{ event: `${appId}/one` }] },
      async ({ event, step }) => {
        await step.run("work", () => busy.hold(["one"], `one:${String(event.data.key)}`, 150));
        await step.run("more", () => busy.hold(["one"], `one-more:${String(event.data.key)}`, 50));
        return "done";
      },
    ),
    c.createFunction(
      {
        id: "per-tenant",
        concurrency: { key: "event.data.tenantId", limit: 2 },
        triggers: [{ event: `${appId}/tenant` }],
      },
      async ({ event, step }) => {
        const tenant = String(event.data.tenantId);
        await step.run("work", () =>
          busy.hold([tenant], `${tenant}:${String(event.data.key)}`, 300),
        );
        return "done";
      },
    ),
    c.createFunction(
      {
        id: "napper",
        concurrency: [{ limit: 1 }, { key: "event.data.tenantId", limit: 5 }],
        triggers: [{ event: `${appId}/nap` }],
      },
      async ({ event, step }) => {
        const key = String(event.data.key);
        await step.run("before", () => busy.hold(["nap"], `before:${key}`, 100));
        await step.sleep("nap", "1s");
        await step.run("after", () => busy.hold(["nap"], `after:${key}`, 100));
        return "done";
      },
    ),
  ];
}

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("conc", makeFunctions);
}, WAIT_FOR_TURN_MS);

afterAll(async () => {
  await app?.close();
});

describe("embedded executor: priority and concurrency", () => {
  it("takes due runs of a higher priority first (priority.run), then in arrival order", async () => {
    const [fn] = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.id, `${app.appId}-prioritised`));
    expect(fn?.priority).toBe("event.data.bulk == true ? -600 : 0");
    // a flood of bulk events, then one that came on its own: nothing is running yet
    for (const key of ["bulk-1", "bulk-2", "bulk-3"]) await app.send("prio", { key, bulk: true });
    await app.send("prio", { key: "single" });
    expect((await app.runOf("prioritised", "bulk-1"))?.priority).toBe(-1);
    expect((await app.runOf("prioritised", "single"))?.priority).toBe(0);
    const e = app.executor({ concurrency: 1 });
    e.start();
    await until("the four runs", async () => order.length >= 4 && order);
    await e.stop();
    expect(order).toEqual(["single", "bulk-1", "bulk-2", "bulk-3"]);

    // runs put behind never take more than a quarter of the slots (here 1 of 4)
    order.length = 0;
    maxInFlight = 0;
    for (let i = 0; i < 6; i++) await app.send("prio", { key: `flood-${i}`, bulk: true });
    const wide = app.executor({ concurrency: 4 });
    wide.start();
    await until("the flood", async () => order.length >= 6 && order);
    await wide.stop();
    expect(maxInFlight).toBe(1);
  });

  it("registers concurrency as the SDK serialises it (one option or an array)", async () => {
    const fns = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.appId, app.appId));
    const limits = (id: string) => fns.find((f) => f.id === `${app.appId}-${id}`)?.concurrency;
    expect(limits("one-at-a-time")).toEqual([{ limit: 1 }]);
    expect(limits("per-tenant")).toEqual([{ limit: 2, key: "event.data.tenantId" }]);
    expect(limits("napper")).toEqual([{ limit: 1 }, { limit: 5, key: "event.data.tenantId" }]);
    expect(limits("prioritised")).toBeNull();
    // a run carries its buckets, the key evaluated on its event
    await app.send("nap", { key: "reg", tenantId: "t-reg" });
    const run = await until("the run", () => app.runOf("napper", "reg"));
    expect(run.concurrency).toEqual([
      { k: `${app.appId}-napper`, n: 1 },
      { k: `${app.appId}-napper:event.data.tenantId=t-reg`, n: 5 },
    ]);
    await db.delete(schema.jobRuns).where(eq(schema.jobRuns.id, run.id));
  });

  it("never runs two of a function limited to 1, even with two executors", async () => {
    for (let i = 0; i < 5; i++) await app.send("one", { key: `o${i}` });
    const a = app.executor();
    const b = app.executor();
    a.start();
    b.start();
    const runs = await until("the five runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${app.appId}-one-at-a-time`));
      return rows.length === 5 && rows.every((r) => r.status === "completed") && rows;
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toHaveLength(5);
    expect(busy.peak.get("one")).toBe(1);
    // a run keeps its slot between its steps
    const ones = busy.log.filter((l) => l.includes("one"));
    for (let i = 0; i < 5; i++) {
      const at = ones.indexOf(`start:one:o${i}`);
      expect(ones.slice(at, at + 4)).toEqual([
        `start:one:o${i}`,
        `end:one:o${i}`,
        `start:one-more:o${i}`,
        `end:one-more:o${i}`,
      ]);
    }
  });

  it("limits runs per key: two of tenant A at once while tenant B's run", async () => {
    for (let i = 0; i < 5; i++) await app.send("tenant", { key: `a${i}`, tenantId: "A" });
    for (let i = 0; i < 2; i++) await app.send("tenant", { key: `b${i}`, tenantId: "B" });
    const a = app.executor();
    const b = app.executor();
    a.start();
    b.start();
    await until("the seven runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${app.appId}-per-tenant`));
      return rows.length === 7 && rows.every((r) => r.status === "completed");
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(busy.peak.get("A")).toBe(2);
    expect(busy.peak.get("B")).toBe(2);
    // B's runs did not queue behind A's: both started before A's third could
    const starts = busy.log.filter((l) => /^start:[AB]:/.test(l));
    const thirdA = starts.filter((l) => l.startsWith("start:A:"))[2] ?? "";
    expect(starts.indexOf("start:B:b0")).toBeLessThan(starts.indexOf(thirdA));
    expect(starts.indexOf("start:B:b1")).toBeLessThan(starts.indexOf(thirdA));
  });

  it("keeps a limit when many executors claim at once", async () => {
    const fn = {
      id: `${app.appId}-race`,
      appId: app.appId,
      name: "race",
      triggers: [],
      url: app.appUrl,
      retries: 0,
      concurrency: [{ limit: 3 }],
    };
    const ids = await createRuns(
      db,
      Array.from({ length: 30 }, (_, i) => ({
        fn,
        event: {
          id: `race-${app.appId}-${i}`,
          name: `${app.appId}/race`,
          data: {},
          ts: Date.now(),
        },
        trigger: "event" as const,
        triggerDetail: "race",
      })),
    );
    try {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimDueRuns(db, `racer-${i}`, 60_000, 10)),
      );
      const mine = claims.flat().filter((r) => r.functionId === fn.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThanOrEqual(3);
      // what was given back is free again, and the database agrees with what was kept
      const leased = await db
        .select({ id: schema.jobRuns.id })
        .from(schema.jobRuns)
        .where(
          and(eq(schema.jobRuns.functionId, fn.id), sql`${schema.jobRuns.leaseExpiresAt} > now()`),
        );
      expect(leased.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
    } finally {
      await db.delete(schema.jobRuns).where(inArray(schema.jobRuns.id, ids));
    }
  });

  it("does not count sleeping runs against a concurrency limit", async () => {
    for (let i = 0; i < 3; i++) await app.send("nap", { key: `n${i}`, tenantId: "T" });
    const e = app.executor();
    e.start();
    await until("the three runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${app.appId}-napper`));
      return rows.length === 3 && rows.every((r) => r.status === "completed");
    });
    await e.stop();
    // limited to one at a time, and yet each started while the others slept
    expect(busy.peak.get("nap")).toBe(1);
    const naps = busy.log.filter(
      (l) => l.startsWith("start:before") || l.startsWith("start:after"),
    );
    expect(naps.slice(0, 3).every((l) => l.startsWith("start:before"))).toBe(true);
    expect(naps).toHaveLength(6);
  });
});
