import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRegistration, syncApp, type RegisterBody } from "./registry";
import { RegistrationRefused, type Refusal } from "./refusals";

/*
 * Each option the executor does not implement, as the SDK itself registers it (an in-band
 * sync with its serve handler), is refused with the function and the option named.
 */
const client = new Inngest({ id: "refusals", isDev: true });
const noop = async () => "ok";
const on = (name: string) => [{ event: `refusals/${name}` }];

type Options = Omit<Parameters<typeof client.createFunction>[0], "id" | "triggers">;

/** one function per refused option: [function id, its options, the option the refusal names] */
const REFUSED: [id: string, options: Options, option: string][] = [
  ["throttled", { throttle: { limit: 1, period: "1m" } }, "throttle"],
  ["rate-limited", { rateLimit: { limit: 1, period: "1m" } }, "rateLimit"],
  ["debounced", { debounce: { period: "5s" } }, "debounce"],
  ["batched", { batchEvents: { maxSize: 10, timeout: "5s" } }, "batchEvents"],
  ["singleton", { singleton: { mode: "skip" } }, "singleton"],
  ["cancellable", { cancelOn: [{ event: "refusals/cancel", match: "data.id" }] }, "cancelOn"],
  ["timed-out", { timeouts: { finish: "1m" } }, "timeouts"],
  ["idempotent", { idempotency: "event.data.id" }, "idempotency"],
  [
    "env-scoped",
    { concurrency: { limit: 2, key: "event.data.tenantId", scope: "env" } },
    "concurrency.scope",
  ],
  [
    "account-scoped",
    { concurrency: { limit: 2, key: '"all"', scope: "account" } },
    "concurrency.scope",
  ],
  [
    "odd-key",
    { concurrency: { limit: 2, key: 'event.data.a + "-" + event.data.b' } },
    "concurrency.key",
  ],
  ["odd-priority", { priority: { run: "event.data.size > 100 ? -60 : 0" } }, "priority.run"],
];

const fns = [
  client.createFunction({ id: "fine", triggers: on("fine"), concurrency: 2 }, noop),
  ...REFUSED.map(([id, options]) =>
    client.createFunction({ id, triggers: on(id), ...options }, noop),
  ),
  client.createFunction(
    { id: "jittery", triggers: [{ cron: "*/5 * * * *", jitter: "30s" }] },
    noop,
  ),
  client.createFunction(
    { id: "odd-if", triggers: [{ event: "refusals/odd-if", if: "size(event.data.items) > 0" }] },
    noop,
  ),
];

let server: Server;
let url: string;

beforeAll(async () => {
  const handler = serve({ client, functions: fns });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
});

afterAll(() => new Promise((r) => server.close(r)));

async function refusalOf(sync: () => unknown): Promise<RegistrationRefused> {
  try {
    await sync();
  } catch (err) {
    if (err instanceof RegistrationRefused) return err;
    throw err;
  }
  throw new Error("the registration was taken");
}

const body = (fn: Record<string, unknown>): RegisterBody => ({
  appName: "raw",
  functions: [
    {
      id: "raw-fn",
      name: "raw",
      triggers: [{ event: "raw/x" }],
      steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://x/" } } },
      ...fn,
    },
  ],
});

describe("the executor refuses at registration what it does not implement", () => {
  it("names each function and the option it uses, as the SDK registers them", async () => {
    const err = await refusalOf(() => syncApp(url));
    const named = (r: Refusal) => [r.functionId, r.option];
    expect(err.refusals.map(named)).toEqual([
      ...REFUSED.map(([id, , option]) => [`refusals-${id}`, option]),
      ["refusals-jittery", "triggers.jitter"],
      ["refusals-odd-if", "triggers.if"],
    ]);
    // one line each, the function's id and the option in it; the one fine function is not named
    const lines = err.message.split("\n");
    for (const [id, , option] of REFUSED)
      expect(lines).toContainEqual(expect.stringContaining(`"refusals-${id}": ${option}:`));
    expect(err.message).not.toContain("refusals-fine");
    expect(err.message).toContain(
      'The embedded executor refuses function "refusals-throttled": throttle: throttling is not implemented.',
    );
    expect(err.message).toContain('"event.data.size > 100 ? -60 : 0" is outside the expression');
    expect(err.message).toMatch(/server\/executor\/contract\.ts/);
  });

  it("refuses options it does not know (a newer SDK's), more than two limits, and connect", async () => {
    const refused = async (fn: Record<string, unknown>) =>
      (await refusalOf(() => parseRegistration(body(fn)))).refusals.map((r) => r.option);
    expect(await refused({ checkpointing: { maxRuntime: "1m" } })).toEqual(["checkpointing"]);
    expect(await refused({ concurrency: [1, 2, 3] })).toEqual(["concurrency"]);
    expect(await refused({ concurrency: { limit: 1, mode: "strict" } })).toEqual([
      "concurrency.mode",
    ]);
    expect(await refused({ priority: { run: "0", exact: true } })).toEqual(["priority.exact"]);
    expect(await refused({ triggers: [{ cron: "every minute" }] })).toEqual(["triggers.cron"]);
    expect(await refused({ triggers: [{ event: "raw/x", expression: "a ~ b", only: 1 }] })).toEqual(
      ["triggers.only", "triggers.if"],
    );
    expect(
      await refused({
        steps: { step: { id: "step", name: "step", runtime: { type: "ws", url: "ws://x/" } } },
      }),
    ).toEqual(["connect"]);
    expect(await refused({ steps: {} })).toEqual(["steps"]);
    const message = (await refusalOf(() => parseRegistration(body({ checkpointing: true }))))
      .message;
    expect(message).toMatch(/"raw-fn": checkpointing: not an option the executor knows/);
  });

  it("takes what it implements, absent or empty options included", () => {
    const [fn] = parseRegistration(
      body({
        concurrency: [{ limit: 1 }, { limit: 24, key: "event.data.tenantId", scope: "fn" }],
        priority: { run: "event.data.bulk == true ? -600 : 0" },
        throttle: null,
        idempotency: undefined,
        triggers: [
          { cron: "TZ=America/Chicago */5 * * * *" },
          { event: "raw/x", expression: "event.data.n == 1" },
        ],
      }),
    );
    expect(fn?.concurrency).toEqual([{ limit: 1 }, { limit: 24, key: "event.data.tenantId" }]);
    expect(fn?.priority).toBe("event.data.bulk == true ? -600 : 0");
  });
});
