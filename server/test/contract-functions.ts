import { type Inngest, NonRetriableError } from "inngest";
import { Busy } from "@/server/test/executor-app";

/**
 * The functions contract.int.test.ts runs: one or two per feature of the executor's contract
 * (server/executor/contract.ts), written as the product writes its own, and what they saw.
 */
export const ran = new Map<string, number>();
const count = (key: string) => {
  const n = (ran.get(key) ?? 0) + 1;
  ran.set(key, n);
  return n;
};
export const busy = new Busy();
export const order: string[] = [];
export const failures: { key: unknown; message: string }[] = [];

export function contractFunctions(c: Inngest.Any, appId: string) {
  const on = (name: string) => [{ event: `${appId}/${name}` }];
  const data = (event: { data: Record<string, unknown> }) => event.data;
  const key = (event: { data: Record<string, unknown> }) => String(event.data.key);
  const memo = c.createFunction({ id: "memo", triggers: on("memo") }, async ({ event, step }) => {
    const a = await step.run("a", () => {
      count(`a:${key(event)}`);
      return { n: Number(data(event).n) * 2 };
    });
    const b = await step.run("b", () => {
      count(`b:${key(event)}`);
      return a.n + 1;
    });
    return { b };
  });
  const fn = (id: string, opts: Record<string, unknown> = {}) => ({
    id,
    triggers: on(id),
    ...opts,
  });
  return [
    memo,
    c.createFunction(fn("parallel"), async ({ step }) => {
      const [x, y] = await Promise.all([step.run("x", () => 1), step.run("y", () => 2)]);
      return x + y;
    }),
    c.createFunction(fn("sleeper"), async ({ event, step }) => {
      await step.run("before", () => count(`before:${key(event)}`));
      await step.sleep("nap", "1s");
      await step.sleepUntil("until", new Date(String(data(event).until)));
      return step.run("after", () => Date.now());
    }),
    c.createFunction(fn("waiter"), async ({ step }) => {
      const paid = await step.waitForEvent("paid", {
        event: `${appId}/paid`,
        timeout: "1m",
        match: "data.orderId",
      });
      return { amount: paid?.data.amount ?? null };
    }),
    c.createFunction(fn("impatient"), async ({ step }) => {
      const approval = await step.waitForEvent("approved", {
        event: `${appId}/approved`,
        timeout: "1s",
        if: "async.data.orderId == event.data.orderId",
      });
      return { approved: approval !== null };
    }),
    c.createFunction(fn("flaky-step", { retries: 2 }), async ({ event, step }) =>
      step.run("sometimes", () => {
        if (count(`flaky-step:${key(event)}`) < 3) throw new Error("transient");
        return "third time";
      }),
    ),
    // no step, as triage: the whole function is retried
    c.createFunction(fn("flaky-fn", { retries: 1 }), async ({ event }) => {
      if (count(`flaky-fn:${key(event)}`) < 2) throw new Error("transient");
      return "second time";
    }),
    c.createFunction(
      {
        ...fn("exhausted", { retries: 1 }),
        onFailure: ({ event, error }) => {
          failures.push({ key: event.data.event.data.key, message: error.message });
        },
      },
      async ({ event, step }) =>
        step.run("never", () => {
          count(`exhausted:${key(event)}`);
          throw new Error("always broken");
        }),
    ),
    c.createFunction(fn("hopeless-step"), async ({ event, step }) =>
      step.run("refuse", () => {
        count(`hopeless-step:${key(event)}`);
        throw new NonRetriableError("bad input, retrying cannot help");
      }),
    ),
    c.createFunction(fn("hopeless-fn"), async ({ event }) => {
      count(`hopeless-fn:${key(event)}`);
      throw new NonRetriableError("no such tenant");
    }),
    // as the product's scheduled functions: a schedule, and an event for "Run now"
    c.createFunction(
      {
        id: "ticker",
        triggers: [
          { cron: "TZ=America/Chicago * * * * * *" },
          { event: `${appId}/ticker.run-requested` },
        ],
      },
      async ({ event }) => {
        count(`ticker:${event.name}`);
        return event.name;
      },
    ),
    c.createFunction(fn("one", { concurrency: { limit: 1 } }), async ({ event, step }) => {
      await step.run("work", () => busy.hold(["one"], `one:${key(event)}`, 100));
      await step.run("more", () => busy.hold(["one"], `more:${key(event)}`, 50));
    }),
    c.createFunction(
      fn("tenant", { concurrency: { key: "event.data.tenantId", limit: 1 } }),
      async ({ event, step }) => {
        const tenant = String(data(event).tenantId);
        await step.run("work", () => busy.hold([tenant, "tenants"], key(event), 150));
      },
    ),
    c.createFunction(
      fn("prio", { priority: { run: "event.data.bulk == true ? -600 : 0" } }),
      async ({ event }) => {
        order.push(key(event));
      },
    ),
    c.createFunction(fn("fan-out"), async ({ event, step }) =>
      step.sendEvent(
        "fan",
        [1, 2].map((i) => ({
          id: `${appId}-fan-${key(event)}-${i}`,
          name: `${appId}/fanned`,
          data: { key: `${key(event)}-${i}` },
        })),
      ),
    ),
    c.createFunction(fn("fanned"), async ({ event }) => count(`fanned:${key(event)}`)),
    c.createFunction(
      {
        id: "triggers",
        triggers: [
          { event: `${appId}/if`, if: "event.data.go == true" },
          { event: `${appId}-wild/*` },
        ],
      },
      async ({ event }) => event.name,
    ),
    c.createFunction(fn("invoker"), async ({ step }) =>
      step.invoke("call", { function: memo, data: { key: "invoked", n: 1 } }),
    ),
  ];
}
