import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { badInputFor, draw, explains, SEED, show, type Pools } from "@/server/test/bad-input";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

/**
 * Every tRPC procedure (walked from the router, so new ones are covered without listing them)
 * gets generated bad input from users of a real tenant: each call must end in a 4xx whose
 * message says what was wrong, never INTERNAL_SERVER_ERROR.
 */
/** Tests run without a background executor: a valid "run now" rightly answers 503 there. */
const NEEDS_EXECUTOR = new Set(["job.runNow"]);

const PER_PROCEDURE = Number(process.env.BAD_INPUT_RUNS ?? 20);

let t: TestTenant;
let other: TestTenant;
let pools: Pools;
let alertId: string;
let workOrderId: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("bad-trpc"), createTestTenant("bad-trpc-o")]);
  const admin = callerFor(t.users.admin);
  const alert = await admin.alert.create({
    siteId: t.sites[0]?.id ?? "",
    type: "INTRUSION",
    severity: "high",
    title: "Door forced",
  });
  const wo = await admin.workOrder.create({
    siteId: t.sites[0]?.id ?? "",
    title: "Fix the gate",
    category: "locks",
  });
  [alertId, workOrderId] = [alert.id, wo.id];
  pools = {
    ids: [
      ...t.sites.map((s) => s.id),
      t.clients.gold.id,
      t.clients.bronze.id,
      t.users.supervisor.id,
      t.users.noc_operator.id,
      alert.id,
      wo.id,
      other.sites[0]?.id ?? "",
      other.users.admin.id,
    ],
  };
});

type Procedure = { _def: { type: string; inputs: unknown[] } };

function procedures(): [string, Procedure][] {
  // flat at runtime (path → procedure), though typed as the nested record
  return Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
}

function callable(root: unknown, path: string): (input: unknown) => Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => {
    return (node as Record<string, unknown>)[key];
  }, root);
  if (typeof fn !== "function") throw new Error(`no procedure at ${path}`);
  return fn as (input: unknown) => Promise<unknown>;
}

describe("the bad input issue 13 found", () => {
  it("is a 400 that names the field, not a 500", async () => {
    const admin = callerFor(t.users.admin);
    const siteId = t.sites[0]?.id ?? "";
    const alert = { siteId, type: "INTRUSION", severity: "high", title: "Door" } as const;
    const ticket = { siteId, title: "Printer", requester: "Ann", category: "it" } as const;
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => admin.alert.create({ ...alert, title: "door\u0000forced" }), /^title: .*NUL/],
      [() => admin.alert.create({ ...alert, title: "door \ud800" }), /^title: .*surrogate/],
      [() => admin.alert.create({ ...alert, description: "a\u0000b" }), /^description: .*NUL/],
      [() => admin.alert.comment({ id: alertId, body: "seen\u0000" }), /^body: .*NUL/],
      [() => admin.alert.list({ q: "gate\u0000" }), /^q: .*NUL/],
      [() => admin.ticket.create({ ...ticket, priority: "P3", title: "x\u0000" }), /^title: .*NUL/],
      [
        () => admin.ticket.create({ ...ticket, priority: "P3", title: "\udc00" }),
        /^title: .*surrogate/,
      ],
      [
        () => admin.ticket.create({ ...ticket, priority: "P3", description: "\u0000" }),
        /^description: .*NUL/,
      ],
      [() => admin.workOrder.list({ q: "lock\u0000" }), /^q: .*NUL/],
      [() => admin.workOrder.note({ id: workOrderId, note: "\u0000" }), /^note: .*NUL/],
      [() => admin.apiKey.create({ name: "\ud800" }), /^name: .*surrogate/],
      [() => admin.audit.timeline({ entityType: "alert", entityId: "\u0000" }), /^entityId: /],
      [() => admin.outbox.list({ cursor: new Date(8.64e15) }), /^cursor: /],
    ];
    for (const [call, message] of cases) {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
      expect((err as TRPCError).message).toMatch(message);
    }
  });
});

describe("tRPC procedures under generated bad input", () => {
  it("answer every bad input with a clear 4xx, never a 500", async () => {
    console.log(`bad-input seed ${SEED} (set BAD_INPUT_SEED to change it)`);
    // mostly an admin (every role guard lets it through to the input), sometimes a scoped role
    const callers = [
      callerFor(t.users.admin),
      callerFor(t.users.admin),
      callerFor(t.users.site_manager),
      callerFor(t.users.specialist),
    ];
    const failures: string[] = [];
    let calls = 0;
    const all = procedures();
    expect(all.length).toBeGreaterThan(50);
    for (const [i, [path, proc]] of all.entries()) {
      if (proc._def.type === "subscription") continue;
      const inputs = draw(badInputFor(proc._def.inputs[0], pools), PER_PROCEDURE, i);
      for (const [n, input] of inputs.entries()) {
        calls++;
        try {
          await callable(callers[n % callers.length], path)(input);
        } catch (err) {
          if (!(err instanceof TRPCError)) {
            failures.push(`${path} ${show(input)} → threw ${String(err)}`);
            continue;
          }
          const status = getHTTPStatusCodeFromError(err);
          const cause = err.cause instanceof Error ? err.cause.message : "";
          if (status === 503 && NEEDS_EXECUTOR.has(path)) continue;
          if (status >= 500)
            failures.push(`${path} ${show(input)} → ${err.code} ${show(err.message)} ${cause}`);
          else if (!explains(err.message))
            failures.push(`${path} ${show(input)} → ${err.code} unclear: ${show(err.message)}`);
        }
      }
    }
    console.log(`bad-input: ${calls} calls over ${all.length} procedures`);
    if (failures.length) console.log(`bad-input failures:\n${failures.join("\n")}`);
    expect(calls).toBeGreaterThanOrEqual(200);
    expect({}).not.toHaveProperty("polluted");
    expect(failures).toEqual([]);
  }, 180_000);
});
