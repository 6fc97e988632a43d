import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions as productFunctions } from "@/inngest/functions";
import { db, schema } from "@/server/db";
import {
  listen,
  quiet,
  startTestApp,
  until,
  WAIT_FOR_TURN_MS,
  type TestApp,
} from "@/server/test/executor-app";
import { INNGEST_VERSION } from "./contract";
import { busy, contractFunctions, failures, order, ran } from "@/server/test/contract-functions";
import { Executor } from "./executor";
import { syncApp } from "./registry";

/*
 * The executor's contract (contract.ts) against the SDK's own serve handler: each feature the
 * product's functions use, through the real protocol. An `inngest` upgrade that breaks one
 * fails here, and so does an upgrade that does not move contract.ts's version with it.
 */

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("contract", contractFunctions);
}, WAIT_FOR_TURN_MS);

afterAll(async () => {
  await app?.close();
});

async function serveApp(client: Inngest.Any, functions: Parameters<typeof serve>[0]["functions"]) {
  const handler = serve({ client, functions });
  const server: Server = createServer((req, res) => void handler(req, res));
  return { server, url: `http://127.0.0.1:${await listen(server)}/api/inngest` };
}

/** Starts an executor for the duration of `body`. */
async function withExecutor(body: () => Promise<unknown>, opts = {}): Promise<void> {
  const e = app.executor(opts);
  e.start();
  try {
    await body();
  } finally {
    await e.stop();
  }
}

describe("the embedded executor's contract with the inngest SDK", () => {
  it("is pinned: package.json installs the inngest version contract.ts was tested against", async () => {
    const pkg = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(
      pkg.dependencies.inngest,
      "package.json's inngest is not contract.ts's INNGEST_VERSION: run this test on the new SDK, fix what fails, then move INNGEST_VERSION",
    ).toBe(INNGEST_VERSION);
    // and the SDK that serves the functions is that version
    const res = await fetch(app.appUrl, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
      body: JSON.stringify({ url: app.appUrl }),
    });
    expect(((await res.json()) as { sdk?: string }).sdk).toBe(`js:v${INNGEST_VERSION}`);
  });

  it("takes every one of the product's functions as the SDK registers them", async () => {
    const { server, url } = await serveApp(
      new Inngest({ id: "watchfloor", isDev: true, logger: quiet, internalLogger: quiet }),
      productFunctions,
    );
    try {
      const fns = await syncApp(url);
      // a function with onFailure registers its failure handler as a function of its own
      const handlers = productFunctions.filter((f) => f.opts.onFailure).length;
      expect(fns).toHaveLength(productFunctions.length + handlers);
      expect(fns.find((f) => f.id === "watchfloor-triage-alert")).toMatchObject({
        concurrency: [{ limit: 24, key: "event.data.tenantId" }],
        priority: "event.data.bulk == true ? -600 : 0",
      });
    } finally {
      server.close();
    }
  });

  it("refuses a sync with an option it does not implement, says why once, registers nothing", async () => {
    const appId = `${app.appId}-bad`;
    const client = new Inngest({
      id: appId,
      isDev: true,
      baseUrl: app.baseUrl,
      logger: quiet,
      internalLogger: quiet,
    });
    const throttled = client.createFunction(
      { id: "throttled", throttle: { limit: 1, period: "1m" }, triggers: [{ event: "x/y" }] },
      async () => "ok",
    );
    const { server, url } = await serveApp(client, [throttled]);
    const why = `The embedded executor refuses function "${appId}-throttled": throttle: throttling is not implemented.`;
    try {
      // in band: the executor asks the app
      const logged: string[] = [];
      const e = new Executor({ db, appUrl: url, log: (line) => logged.push(line) });
      expect(await e.sync()).toBe(false);
      expect(await e.sync()).toBe(false);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(why);
      // out of band: the SDK's own sync (a PUT to the app) posts to /fn/register
      const res = await fetch(url, { method: "PUT" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(why);
      expect(app.logged.join("\n")).toContain(why);
      const stored = await db
        .select()
        .from(schema.jobFunctions)
        .where(eq(schema.jobFunctions.appId, appId));
      expect(stored).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("step.run: each step runs once, its result memoised and handed to the next", async () => {
    await withExecutor(async () => {
      await app.send("memo", { key: "m1", n: 20 });
      const run = await app.settled("memo", "m1");
      expect(run.result).toEqual({ b: 41 });
      expect([ran.get("a:m1"), ran.get("b:m1")]).toEqual([1, 1]);
      // memoised by the SDK's hashed step ids, in the order they completed
      expect(Object.values(run.steps)).toEqual([{ data: { n: 40 } }, { data: 41 }]);
      const steps = await db
        .select()
        .from(schema.jobRunSteps)
        .where(eq(schema.jobRunSteps.runId, run.id))
        .orderBy(schema.jobRunSteps.startedAt, schema.jobRunSteps.id);
      expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual(["a:completed", "b:completed"]);
    });
  });

  it("parallel steps: both run, and the function continues with both results", async () => {
    await withExecutor(async () => {
      await app.send("parallel", { key: "p1" });
      expect((await app.settled("parallel", "p1")).result).toBe(3);
    });
  });

  it("step.sleep and step.sleepUntil park the run until their time", async () => {
    const until = new Date(Date.now() + 2_500);
    await withExecutor(async () => {
      await app.send("sleeper", { key: "s1", until: until.toISOString() });
      const asleep = await app.settled("sleeper", "s1", "sleeping");
      expect(asleep.pending).toMatchObject({ kind: "sleep" });
      const done = await app.settled("sleeper", "s1");
      expect(done.result).toBeGreaterThanOrEqual(until.getTime());
      expect(ran.get("before:s1")).toBe(1);
    });
  });

  it("step.waitForEvent: resumes on the matching event, and on its timeout with null", async () => {
    await withExecutor(async () => {
      await app.send("waiter", { key: "w1", orderId: "o-1" });
      await app.send("impatient", { key: "i1", orderId: "o-9" });
      await app.settled("waiter", "w1", "waiting");
      await app.settled("impatient", "i1", "waiting");
      await app.send("paid", { orderId: "o-2", amount: 99 });
      await app.send("paid", { orderId: "o-1", amount: 42 });
      await app.send("approved", { orderId: "o-8" });
      expect((await app.settled("waiter", "w1")).result).toEqual({ amount: 42 });
      expect((await app.settled("impatient", "i1")).result).toEqual({ approved: false });
    });
  });

  it("retries: a failing step, and a failing function without steps, until they succeed", async () => {
    await withExecutor(async () => {
      await app.send("flaky-step", { key: "f1" });
      await app.send("flaky-fn", { key: "f2" });
      expect((await app.settled("flaky-step", "f1")).result).toBe("third time");
      expect((await app.settled("flaky-fn", "f2")).result).toBe("second time");
      expect([ran.get("flaky-step:f1"), ran.get("flaky-fn:f2")]).toEqual([3, 2]);
    });
  });

  it("retries: once the attempts are spent the run fails and onFailure runs", async () => {
    await withExecutor(async () => {
      await app.send("exhausted", { key: "x1" });
      const run = await app.settled("exhausted", "x1", "failed");
      expect(run.error).toMatch(/always broken/);
      expect(ran.get("exhausted:x1")).toBe(2);
      await until("the failure handler", async () => failures.length > 0);
      expect(failures).toEqual([{ key: "x1", message: "always broken" }]);
    });
  });

  it("NonRetriableError fails the run at once, from a step or from the function", async () => {
    await withExecutor(async () => {
      await app.send("hopeless-step", { key: "h1" });
      await app.send("hopeless-fn", { key: "h2" });
      const step = await app.settled("hopeless-step", "h1", "failed");
      const fn = await app.settled("hopeless-fn", "h2", "failed");
      expect(step.error).toMatch(/retrying cannot help/);
      expect(fn.error).toMatch(/no such tenant/);
      expect([ran.get("hopeless-step:h1"), ran.get("hopeless-fn:h2")]).toEqual([1, 1]);
    });
  });

  it("cron triggers run on their schedule (with TZ=), and the same function on its event", async () => {
    await withExecutor(async () => {
      await until("a tick", async () => ran.get("ticker:inngest/scheduled.timer"));
      await app.send("ticker.run-requested", { key: "now" });
      await app.settled("ticker", "now");
    });
    const runs = await app.runsOf("ticker");
    const cron = runs.filter((r) => r.trigger === "cron");
    expect(cron.length).toBeGreaterThan(0);
    expect(cron[0]?.triggerDetail).toBe("TZ=America/Chicago * * * * * *");
    expect(runs.find((r) => r.trigger === "manual")?.result).toBe(
      `${app.appId}/ticker.run-requested`,
    );
  });

  it("concurrency: a function's limit, and a limit per key, hold across two executors", async () => {
    for (let i = 0; i < 3; i++) await app.send("one", { key: `o${i}` });
    for (let i = 0; i < 3; i++) await app.send("tenant", { key: `a${i}`, tenantId: "A" });
    await app.send("tenant", { key: "b0", tenantId: "B" });
    await withExecutor(() =>
      withExecutor(async () => {
        await until("the runs", async () => {
          const runs = [...(await app.runsOf("one")), ...(await app.runsOf("tenant"))];
          return runs.length === 7 && runs.every((r) => r.status === "completed");
        });
      }),
    );
    expect(busy.peak.get("one")).toBe(1);
    // a run keeps its slot between its steps
    const ones = busy.log.filter((l) => /:(one|more):/.test(l));
    for (let i = 0; i < ones.length; i += 4)
      expect(ones.slice(i, i + 4).map((l) => l.split(":")[0])).toEqual([
        "start",
        "end",
        "start",
        "end",
      ]);
    expect([busy.peak.get("A"), busy.peak.get("B"), busy.peak.get("tenants")]).toEqual([1, 1, 2]);
  });

  it("priority.run: due runs of a higher priority are taken first", async () => {
    for (const key of ["bulk-1", "bulk-2", "bulk-3"]) await app.send("prio", { key, bulk: true });
    await app.send("prio", { key: "single" });
    await withExecutor(() => until("the four runs", async () => order.length >= 4), {
      concurrency: 1,
    });
    expect(order).toEqual(["single", "bulk-1", "bulk-2", "bulk-3"]);
  });

  it("step.sendEvent: the events start their functions, and a repeated event id starts none", async () => {
    await withExecutor(async () => {
      await app.send("fan-out", { key: "f" });
      const run = await app.settled("fan-out", "f");
      expect((run.result as { ids: string[] }).ids).toHaveLength(2);
      await app.settled("fanned", "f-1");
      await app.settled("fanned", "f-2");
      // the same step in another run sends the same ids
      await app.send("fan-out", { key: "f" });
      await until("the second fan-out", async () => {
        const runs = await app.runsOf("fan-out");
        return runs.length === 2 && runs.every((r) => r.status === "completed");
      });
    });
    expect(await app.runsOf("fanned")).toHaveLength(2);
    expect([ran.get("fanned:f-1"), ran.get("fanned:f-2")]).toEqual([1, 1]);
  });

  it("event triggers: an `if` expression, and a prefix/* name", async () => {
    await app.send("if", { key: "no", go: false });
    await app.send("if", { key: "yes", go: true });
    await app.client.send({ name: `${app.appId}-wild/anything`, data: { key: "wild" } });
    const runs = await app.runsOf("triggers");
    expect(runs.map((r) => (r.event as { data: { key: string } }).data.key).sort()).toEqual([
      "wild",
      "yes",
    ]);
  });

  it("fails a run that reaches a step kind it does not implement (step.invoke)", async () => {
    await withExecutor(async () => {
      await app.send("invoker", { key: "v1" });
      const run = await app.settled("invoker", "v1", "failed");
      expect(run.error).toMatch(/does not support InvokeFunction/);
    });
  });
});
