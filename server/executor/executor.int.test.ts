import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, sql } from "drizzle-orm";
import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { Executor } from "./executor";
import { claimDueRuns } from "./claim";
import { createRuns } from "./runs";
import { createExecutorServer } from "./http";

/*
 * The embedded executor end to end: the same createFunction definitions, served by the
 * SDK's real HTTP handler, driven through the SDK's execution protocol, state in PostgreSQL.
 */
const ran = new Map<string, number>();
const count = (key: string) => ran.set(key, (ran.get(key) ?? 0) + 1);
const order: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
/** steps of the concurrency-limited functions: in flight and at most, per bucket */
const busyNow = new Map<string, number>();
const busyPeak = new Map<string, number>();
const busyLog: string[] = [];
async function busy(buckets: string[], label: string, ms: number) {
  busyLog.push(`start:${label}`);
  for (const b of buckets) {
    busyNow.set(b, (busyNow.get(b) ?? 0) + 1);
    busyPeak.set(b, Math.max(busyPeak.get(b) ?? 0, busyNow.get(b) ?? 0));
  }
  await new Promise((r) => setTimeout(r, ms));
  for (const b of buckets) busyNow.set(b, (busyNow.get(b) ?? 0) - 1);
  busyLog.push(`end:${label}`);
}
const suffix = Math.random().toString(36).slice(2, 8);
const appId = `exec-${suffix}`;

let executorServer: Server;
let appServer: Server;
let client: Inngest.Any;
let appUrl: string;
const executors: Executor[] = [];

function makeFunctions(c: Inngest.Any) {
  return [
    c.createFunction(
      { id: "two-step", triggers: [{ event: `${appId}/two` }] },
      async ({ event, step }) => {
        const a = await step.run("a", () => {
          count(`a:${String(event.data.key)}`);
          return { n: Number(event.data.n) * 2 };
        });
        const b = await step.run("b", () => {
          count(`b:${String(event.data.key)}`);
          return a.n + 1;
        });
        return { summary: `got ${b}` };
      },
    ),
    c.createFunction(
      { id: "sleeper", triggers: [{ event: `${appId}/sleep` }] },
      async ({ event, step }) => {
        await step.run("before", () => count(`before:${String(event.data.key)}`));
        await step.sleep("nap", "2s");
        return step.run("after", () => {
          count(`after:${String(event.data.key)}`);
          return "woke";
        });
      },
    ),
    c.createFunction(
      { id: "waiter", triggers: [{ event: `${appId}/order` }] },
      async ({ step }) => {
        const paid = await step.waitForEvent("paid", {
          event: `${appId}/paid`,
          timeout: "1m",
          match: "data.orderId",
        });
        return { paidAmount: paid?.data.amount ?? null };
      },
    ),
    c.createFunction(
      { id: "flaky", retries: 3, triggers: [{ event: `${appId}/flaky` }] },
      async ({ event, step }) => {
        return step.run("sometimes", () => {
          count(`flaky:${String(event.data.key)}`);
          if ((ran.get(`flaky:${String(event.data.key)}`) ?? 0) < 3) throw new Error("transient");
          return "ok on the third try";
        });
      },
    ),
    c.createFunction(
      { id: "hopeless", triggers: [{ event: `${appId}/hopeless` }] },
      async ({ event, step }) => {
        await step.run("refuse", () => {
          count(`hopeless:${String(event.data.key)}`);
          throw new NonRetriableError("bad input, retrying cannot help");
        });
      },
    ),
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
        await step.run("work", () => busy(["one"], `one:${String(event.data.key)}`, 150));
        await step.run("more", () => busy(["one"], `one-more:${String(event.data.key)}`, 50));
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
        await step.run("work", () => busy([tenant], `${tenant}:${String(event.data.key)}`, 300));
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
        await step.run("before", () => busy(["nap"], `before:${key}`, 100));
        await step.sleep("nap", "1s");
        await step.run("after", () => busy(["nap"], `after:${key}`, 100));
        return "done";
      },
    ),
    c.createFunction(
      { id: "ticker", triggers: [{ cron: "TZ=America/Chicago * * * * * *" }] },
      async () => {
        count("tick");
        return "tick";
      },
    ),
  ];
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function newExecutor(leaseMs = 60_000) {
  const e = new Executor({ db, appUrl, pollMs: 50, leaseMs, backoffBaseMs: 50, concurrency: 4 });
  executors.push(e);
  return e;
}

async function runOf(functionId: string, key: string) {
  const rows = await db
    .select()
    .from(schema.jobRuns)
    .where(eq(schema.jobRuns.functionId, `${appId}-${functionId}`));
  return rows.find((r) => (r.event as { data?: { key?: string } }).data?.key === key);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const send = (name: string, data: Record<string, unknown>) =>
  client.send({ name: `${appId}/${name}`, data });

beforeAll(async () => {
  // The app (the SDK's real node handler) and the executor's own API, each on a free port.
  let handler: ReturnType<typeof serve> | null = null;
  appServer = createServer((req, res) => void handler?.(req, res));
  appUrl = `http://127.0.0.1:${await listen(appServer)}/api/inngest`;
  const front = new Executor({ db, appUrl });
  executorServer = createExecutorServer(front);
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  };
  client = new Inngest({
    id: appId,
    isDev: true,
    baseUrl: `http://127.0.0.1:${await listen(executorServer)}`,
    logger: quiet,
    internalLogger: quiet,
  });
  handler = serve({ client, functions: makeFunctions(client) });
  // registration, as the dev server does when it finds an app
  expect(await front.sync()).toBe(true);
});

afterAll(async () => {
  await Promise.all(executors.map((e) => e.stop()));
  await new Promise((r) => appServer.close(r));
  await new Promise((r) => executorServer.close(r));
  await db.delete(schema.jobFunctions).where(inArray(schema.jobFunctions.appId, [appId]));
});

describe("embedded executor", () => {
  it("registers the app's functions with their triggers", async () => {
    const fns = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.appId, appId));
    expect(fns.map((f) => f.id).sort()).toEqual(
      [
        "flaky",
        "hopeless",
        "napper",
        "one-at-a-time",
        "per-tenant",
        "prioritised",
        "sleeper",
        "ticker",
        "two-step",
        "waiter",
      ].map((f) => `${appId}-${f}`),
    );
    expect(fns.find((f) => f.id.endsWith("ticker"))?.triggers).toEqual([
      { cron: "TZ=America/Chicago * * * * * *" },
    ]);
  });

  it("takes due runs of a higher priority first (priority.run), then in arrival order", async () => {
    const [fn] = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.id, `${appId}-prioritised`));
    expect(fn?.priority).toBe("event.data.bulk == true ? -600 : 0");
    // a flood of bulk events, then one that came on its own: nothing is running yet
    for (const key of ["bulk-1", "bulk-2", "bulk-3"]) await send("prio", { key, bulk: true });
    await send("prio", { key: "single" });
    expect((await runOf("prioritised", "bulk-1"))?.priority).toBe(-1);
    expect((await runOf("prioritised", "single"))?.priority).toBe(0);
    const e = new Executor({ db, appUrl, pollMs: 50, concurrency: 1 });
    executors.push(e);
    e.start();
    await until("the four runs", async () => order.length >= 4 && order);
    await e.stop();
    expect(order).toEqual(["single", "bulk-1", "bulk-2", "bulk-3"]);

    // runs put behind never take more than a quarter of the slots (here 1 of 4)
    order.length = 0;
    maxInFlight = 0;
    for (let i = 0; i < 6; i++) await send("prio", { key: `flood-${i}`, bulk: true });
    const wide = new Executor({ db, appUrl, pollMs: 50, concurrency: 4 });
    executors.push(wide);
    wide.start();
    await until("the flood", async () => order.length >= 6 && order);
    await wide.stop();
    expect(maxInFlight).toBe(1);
  });

  it("registers concurrency as the SDK serialises it (one option or an array)", async () => {
    const fns = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.appId, appId));
    const limits = (id: string) => fns.find((f) => f.id === `${appId}-${id}`)?.concurrency;
    expect(limits("one-at-a-time")).toEqual([{ limit: 1 }]);
    expect(limits("per-tenant")).toEqual([{ limit: 2, key: "event.data.tenantId" }]);
    expect(limits("napper")).toEqual([{ limit: 1 }, { limit: 5, key: "event.data.tenantId" }]);
    expect(limits("two-step")).toBeNull();
    // a run carries its buckets, the key evaluated on its event
    await send("nap", { key: "reg", tenantId: "t-reg" });
    const run = await until("the run", () => runOf("napper", "reg"));
    expect(run.concurrency).toEqual([
      { k: `${appId}-napper`, n: 1 },
      { k: `${appId}-napper:event.data.tenantId=t-reg`, n: 5 },
    ]);
    await db.delete(schema.jobRuns).where(eq(schema.jobRuns.id, run.id));
  });

  it("never runs two of a function limited to 1, even with two executors", async () => {
    for (let i = 0; i < 5; i++) await send("one", { key: `o${i}` });
    const a = newExecutor();
    const b = newExecutor();
    a.start();
    b.start();
    const runs = await until("the five runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${appId}-one-at-a-time`));
      return rows.length === 5 && rows.every((r) => r.status === "completed") && rows;
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toHaveLength(5);
    expect(busyPeak.get("one")).toBe(1);
    // a run keeps its slot between its steps
    const ones = busyLog.filter((l) => l.includes("one"));
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
    for (let i = 0; i < 5; i++) await send("tenant", { key: `a${i}`, tenantId: "A" });
    for (let i = 0; i < 2; i++) await send("tenant", { key: `b${i}`, tenantId: "B" });
    const a = newExecutor();
    const b = newExecutor();
    a.start();
    b.start();
    await until("the seven runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${appId}-per-tenant`));
      return rows.length === 7 && rows.every((r) => r.status === "completed");
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(busyPeak.get("A")).toBe(2);
    expect(busyPeak.get("B")).toBe(2);
    // B's runs did not queue behind A's: both started before A's third could
    const starts = busyLog.filter((l) => /^start:[AB]:/.test(l));
    const thirdA = starts.filter((l) => l.startsWith("start:A:"))[2] ?? "";
    expect(starts.indexOf("start:B:b0")).toBeLessThan(starts.indexOf(thirdA));
    expect(starts.indexOf("start:B:b1")).toBeLessThan(starts.indexOf(thirdA));
  });

  it("keeps a limit when many executors claim at once", async () => {
    const fn = {
      id: `${appId}-race`,
      appId,
      name: "race",
      triggers: [],
      url: appUrl,
      retries: 0,
      concurrency: [{ limit: 3 }],
    };
    const ids = await createRuns(
      db,
      Array.from({ length: 30 }, (_, i) => ({
        fn,
        event: { id: `race-${suffix}-${i}`, name: `${appId}/race`, data: {}, ts: Date.now() },
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
    for (let i = 0; i < 3; i++) await send("nap", { key: `n${i}`, tenantId: "T" });
    const e = newExecutor();
    e.start();
    await until("the three runs", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${appId}-napper`));
      return rows.length === 3 && rows.every((r) => r.status === "completed");
    });
    await e.stop();
    // limited to one at a time, and yet each started while the others slept
    expect(busyPeak.get("nap")).toBe(1);
    const naps = busyLog.filter((l) => l.startsWith("start:before") || l.startsWith("start:after"));
    expect(naps.slice(0, 3).every((l) => l.startsWith("start:before"))).toBe(true);
    expect(naps).toHaveLength(6);
  });

  it("runs an event function through the real serve handler and records it", async () => {
    await send("two", { key: "k1", n: 20 });
    const e = newExecutor();
    e.start();
    const run = await until("two-step to finish", async () => {
      const r = await runOf("two-step", "k1");
      return r?.status === "completed" && r;
    });
    expect(run.summary).toBe("got 41");
    expect(run.trigger).toBe("event");
    const steps = await db
      .select()
      .from(schema.jobRunSteps)
      .where(eq(schema.jobRunSteps.runId, run.id))
      // without an order the rows come back in whatever order PostgreSQL finds them
      .orderBy(schema.jobRunSteps.startedAt, schema.jobRunSteps.id);
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual(["a:completed", "b:completed"]);
    await e.stop();
  });

  it("takes many concurrent senders in batches: one run per event, none for a resend", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `batch-${i}`);
    // 40 senders at once, the first event sent twice with the same id
    const results = await Promise.all([
      ...keys.map((key, i) =>
        client.send({
          name: `${appId}/two`,
          data: { key, n: i },
          id: `batch-event-${suffix}-${i}`,
        }),
      ),
      client.send({ name: `${appId}/two`, data: { key: keys[0] }, id: `batch-event-${suffix}-0` }),
    ]);
    expect(results).toHaveLength(41);
    const e = newExecutor();
    e.start();
    const runs = await until("40 runs to finish", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${appId}-two-step`));
      const mine = rows.filter((r) =>
        String((r.event as { data?: { key?: string } }).data?.key).startsWith("batch-"),
      );
      return mine.length === 40 && mine.every((r) => r.status === "completed") && mine;
    });
    expect(new Set(runs.map((r) => r.eventId)).size).toBe(40);
    expect(runs.find((r) => r.eventId === `batch-event-${suffix}-7`)?.summary).toBe("got 15");
    await e.stop();
  });

  it("resumes a run killed between steps without re-running the completed step", async () => {
    await send("two", { key: "k2", n: 1 });
    const first = newExecutor(300);
    // one call to the app, then "die" holding the lease
    await until("the run to exist", () => runOf("two-step", "k2"));
    await first.tick({ maxRounds: 1 });
    const mid = await runOf("two-step", "k2");
    expect(Object.keys(mid?.steps ?? {})).toHaveLength(1);
    expect(ran.get("a:k2")).toBe(1);
    const second = newExecutor(300);
    second.start();
    await until(
      "the run to finish",
      async () => (await runOf("two-step", "k2"))?.status === "completed",
    );
    expect(ran.get("a:k2")).toBe(1);
    expect(ran.get("b:k2")).toBe(1);
    await second.stop();
  });

  it("wakes a sleeping run after a restart", async () => {
    await send("sleep", { key: "s1" });
    const first = newExecutor();
    first.start();
    await until(
      "the run to sleep",
      async () => (await runOf("sleeper", "s1"))?.status === "sleeping",
    );
    await first.stop();
    const asleep = await runOf("sleeper", "s1");
    expect(asleep?.wakeAt?.getTime()).toBeGreaterThan(Date.now());
    const second = newExecutor();
    second.start();
    const done = await until("the run to wake and finish", async () => {
      const r = await runOf("sleeper", "s1");
      return r?.status === "completed" && r;
    });
    expect(done.result).toBe("woke");
    expect(ran.get("before:s1")).toBe(1);
    await second.stop();
  });

  it("waits for an event matching a field and ignores others", async () => {
    const e = newExecutor();
    e.start();
    await send("order", { key: "w1", orderId: "o-1" });
    await until("the run to wait", async () => (await runOf("waiter", "w1"))?.status === "waiting");
    await send("paid", { orderId: "o-2", amount: 99 });
    await send("paid", { orderId: "o-1", amount: 42 });
    const done = await until("the run to finish", async () => {
      const r = await runOf("waiter", "w1");
      return r?.status === "completed" && r;
    });
    expect(done.result).toEqual({ paidAmount: 42 });
    await e.stop();
  });

  it("retries a failing step with backoff and honours NonRetriableError", async () => {
    const e = newExecutor();
    e.start();
    await send("flaky", { key: "f1" });
    await send("hopeless", { key: "h1" });
    const flaky = await until("flaky to succeed", async () => {
      const r = await runOf("flaky", "f1");
      return r?.status === "completed" && r;
    });
    expect(flaky.result).toBe("ok on the third try");
    expect(ran.get("flaky:f1")).toBe(3);
    const hopeless = await until("hopeless to fail", async () => {
      const r = await runOf("hopeless", "h1");
      return r?.status === "failed" && r;
    });
    expect(ran.get("hopeless:h1")).toBe(1);
    expect(hopeless.error).toMatch(/retrying cannot help/);
    await e.stop();
  });

  it("starts a function for events that arrived before it was registered", async () => {
    const fns = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.appId, appId));
    await db.delete(schema.jobFunctions).where(eq(schema.jobFunctions.id, `${appId}-two-step`));
    const late = new Executor({ db, appUrl });
    await late.receive([
      { id: `early-${suffix}`, name: `${appId}/two`, data: { key: "early", n: 5 }, ts: Date.now() },
    ]);
    expect(await runOf("two-step", "early")).toBeUndefined();
    await late.register(
      fns.map((f) => ({
        id: f.id,
        appId: f.appId,
        name: f.name,
        triggers: f.triggers,
        url: f.url,
        retries: f.retries,
        priority: f.priority,
        concurrency: f.concurrency,
      })),
    );
    const e = newExecutor();
    e.start();
    await until(
      "the early event's run to finish",
      async () => (await runOf("two-step", "early"))?.status === "completed",
    );
    await e.stop();
  });

  it("starts a run once per cron tick however many executors share the database", async () => {
    const a = newExecutor();
    const b = newExecutor();
    a.start();
    b.start();
    await new Promise((r) => setTimeout(r, 3500));
    await a.stop();
    await b.stop();
    const fnId = `${appId}-ticker`;
    const ticks = await db
      .select()
      .from(schema.jobCronTicks)
      .where(eq(schema.jobCronTicks.functionId, fnId));
    const runs = await db.select().from(schema.jobRuns).where(eq(schema.jobRuns.functionId, fnId));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(runs).toHaveLength(ticks.length);
    expect(new Set(runs.map((r) => r.eventId)).size).toBe(runs.length);
    expect(runs.every((r) => r.trigger === "cron")).toBe(true);
  });
});
