import { eq } from "drizzle-orm";
import { type Inngest, NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { db, schema } from "@/server/db";
import { startTestApp, until, WAIT_FOR_TURN_MS, type TestApp } from "@/server/test/executor-app";
import { Executor } from "./executor";

/*
 * The embedded executor end to end: the same createFunction definitions, served by the
 * SDK's real HTTP handler, driven through the SDK's execution protocol, state in PostgreSQL;
 * restarts, batches of senders, and several executors sharing the database.
 */
const ran = new Map<string, number>();
const count = (key: string) => ran.set(key, (ran.get(key) ?? 0) + 1);

function makeFunctions(c: Inngest.Any, appId: string) {
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
      { id: "stuck-once", triggers: [{ event: `${appId}/stuck` }] },
      async ({ event, step }) => {
        const key = String(event.data.key);
        await step.run("a", () => count(`a:${key}`));
        return step.run("b", async () => {
          // the first attempt hangs, as in an executor killed while the step runs
          if (!ran.has(`b-started:${key}`)) {
            count(`b-started:${key}`);
            await hung.promise;
          }
          count(`b:${key}`);
          return "done";
        });
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
      { id: "ticker", triggers: [{ cron: "TZ=America/Chicago * * * * * *" }] },
      async () => {
        count("tick");
        return "tick";
      },
    ),
  ];
}

/** holds the first attempt of stuck-once's step b until the test lets it go */
const hung: { promise: Promise<void>; resolve: () => void } = (() => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
})();

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("exec", makeFunctions);
}, WAIT_FOR_TURN_MS);

afterAll(async () => {
  await app?.close();
});

describe("embedded executor", () => {
  it("registers the app's functions with their triggers", async () => {
    const fns = await db
      .select()
      .from(schema.jobFunctions)
      .where(eq(schema.jobFunctions.appId, app.appId));
    expect(fns.map((f) => f.id).sort()).toEqual(
      ["flaky", "hopeless", "sleeper", "stuck-once", "ticker", "two-step", "waiter"].map(
        (f) => `${app.appId}-${f}`,
      ),
    );
    expect(fns.find((f) => f.id.endsWith("ticker"))?.triggers).toEqual([
      { cron: "TZ=America/Chicago * * * * * *" },
    ]);
  });

  it("runs an event function through the real serve handler and records it", async () => {
    await app.send("two", { key: "k1", n: 20 });
    const e = app.executor();
    e.start();
    const run = await until("two-step to finish", async () => {
      const r = await app.runOf("two-step", "k1");
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
        app.client.send({
          name: `${app.appId}/two`,
          data: { key, n: i },
          id: `batch-event-${app.appId}-${i}`,
        }),
      ),
      app.client.send({
        name: `${app.appId}/two`,
        data: { key: keys[0] },
        id: `batch-event-${app.appId}-0`,
      }),
    ]);
    expect(results).toHaveLength(41);
    const e = app.executor();
    e.start();
    const runs = await until("40 runs to finish", async () => {
      const rows = await db
        .select()
        .from(schema.jobRuns)
        .where(eq(schema.jobRuns.functionId, `${app.appId}-two-step`));
      const mine = rows.filter((r) =>
        String((r.event as { data?: { key?: string } }).data?.key).startsWith("batch-"),
      );
      return mine.length === 40 && mine.every((r) => r.status === "completed") && mine;
    });
    expect(new Set(runs.map((r) => r.eventId)).size).toBe(40);
    expect(runs.find((r) => r.eventId === `batch-event-${app.appId}-7`)?.summary).toBe("got 15");
    await e.stop();
  });

  it("resumes a run killed between steps without re-running the completed step", async () => {
    await app.send("two", { key: "k2", n: 1 });
    const first = app.executor({ leaseMs: 300 });
    // one call to the app, then "die" holding the lease
    await until("the run to exist", () => app.runOf("two-step", "k2"));
    await first.tick({ maxRounds: 1 });
    const mid = await app.runOf("two-step", "k2");
    expect(Object.keys(mid?.steps ?? {})).toHaveLength(1);
    expect(ran.get("a:k2")).toBe(1);
    const second = app.executor({ leaseMs: 300 });
    second.start();
    await until(
      "the run to finish",
      async () => (await app.runOf("two-step", "k2"))?.status === "completed",
    );
    expect(ran.get("a:k2")).toBe(1);
    expect(ran.get("b:k2")).toBe(1);
    await second.stop();
  });

  it("resumes a run whose executor died in the middle of a step, after its lease lapses", async () => {
    await app.send("stuck", { key: "k3" });
    const first = app.executor({ leaseMs: 300 });
    onTestFinished(() => hung.resolve());
    // step a is saved, then the executor hangs in step b holding the lease: as if killed
    void first.tick();
    await until(
      "step a to be saved mid-run",
      async () => Object.keys((await app.runOf("stuck-once", "k3"))?.steps ?? {}).length === 1,
    );
    const mid = await app.runOf("stuck-once", "k3");
    expect(mid?.status).toBe("running");
    expect(mid?.wakeAt?.getTime()).toBeLessThanOrEqual(Date.now());
    const second = app.executor({ leaseMs: 300 });
    second.start();
    await until(
      "another executor to take the run over and finish it",
      async () => (await app.runOf("stuck-once", "k3"))?.status === "completed",
    );
    expect(ran.get("a:k3")).toBe(1);
    expect(ran.get("b:k3")).toBe(1);
    // the hung executor wakes up: it lost the lease, so it writes nothing over the finished run
    hung.resolve();
    await first.stop();
    expect((await app.runOf("stuck-once", "k3"))?.status).toBe("completed");
    await second.stop();
  });

  it("wakes a sleeping run after a restart", async () => {
    await app.send("sleep", { key: "s1" });
    const first = app.executor();
    first.start();
    await until(
      "the run to sleep",
      async () => (await app.runOf("sleeper", "s1"))?.status === "sleeping",
    );
    await first.stop();
    const asleep = await app.runOf("sleeper", "s1");
    expect(asleep?.wakeAt?.getTime()).toBeGreaterThan(Date.now());
    const second = app.executor();
    second.start();
    const done = await until("the run to wake and finish", async () => {
      const r = await app.runOf("sleeper", "s1");
      return r?.status === "completed" && r;
    });
    expect(done.result).toBe("woke");
    expect(ran.get("before:s1")).toBe(1);
    await second.stop();
  });

  it("waits for an event matching a field and ignores others", async () => {
    const e = app.executor();
    e.start();
    await app.send("order", { key: "w1", orderId: "o-1" });
    await until(
      "the run to wait",
      async () => (await app.runOf("waiter", "w1"))?.status === "waiting",
    );
    await app.send("paid", { orderId: "o-2", amount: 99 });
    await app.send("paid", { orderId: "o-1", amount: 42 });
    const done = await until("the run to finish", async () => {
      const r = await app.runOf("waiter", "w1");
      return r?.status === "completed" && r;
    });
    expect(done.result).toEqual({ paidAmount: 42 });
    await e.stop();
  });

  it("retries a failing step with backoff and honours NonRetriableError", async () => {
    const e = app.executor();
    e.start();
    await app.send("flaky", { key: "f1" });
    await app.send("hopeless", { key: "h1" });
    const flaky = await until("flaky to succeed", async () => {
      const r = await app.runOf("flaky", "f1");
      return r?.status === "completed" && r;
    });
    expect(flaky.result).toBe("ok on the third try");
    expect(ran.get("flaky:f1")).toBe(3);
    const hopeless = await until("hopeless to fail", async () => {
      const r = await app.runOf("hopeless", "h1");
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
      .where(eq(schema.jobFunctions.appId, app.appId));
    await db.delete(schema.jobFunctions).where(eq(schema.jobFunctions.id, `${app.appId}-two-step`));
    const late = new Executor({ db, appUrl: app.appUrl });
    await late.receive([
      {
        id: `early-${app.appId}`,
        name: `${app.appId}/two`,
        data: { key: "early", n: 5 },
        ts: Date.now(),
      },
    ]);
    expect(await app.runOf("two-step", "early")).toBeUndefined();
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
    const e = app.executor();
    e.start();
    await until(
      "the early event's run to finish",
      async () => (await app.runOf("two-step", "early"))?.status === "completed",
    );
    await e.stop();
  });

  it("starts a run once per cron tick however many executors share the database", async () => {
    const a = app.executor();
    const b = app.executor();
    a.start();
    b.start();
    await new Promise((r) => setTimeout(r, 3500));
    await a.stop();
    await b.stop();
    const fnId = `${app.appId}-ticker`;
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
