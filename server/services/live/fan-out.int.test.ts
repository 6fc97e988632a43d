import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, schema } from "@/server/db";
import {
  alertRow,
  createTestGroup,
  createTestTenant,
  ctxFor,
  type TestTenant,
} from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { alertLivePush } from "../noc/live-push";
import { liveBus, type LiveOut } from "./bus";
import { publish } from "./publish";
import { liveEventStream } from "./stream";
import { userSubscriber } from "./subscriber";

let t: TestTenant;

beforeAll(async () => {
  t = await createTestTenant("fan-out");
  await createTestGroup(t, "Fire", [t.users.specialist]);
});
afterEach(() => vi.restoreAllMocks());

async function raise(title: string) {
  const site = t.sites[0];
  if (!site) throw new Error("no site");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.alerts)
      .values(alertRow(site, { title }))
      .returning({ id: schema.alerts.id });
    await publish(jobContext(t.tenant.id, "test", tx), "alert", [row?.id ?? ""]);
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the live fan-out", () => {
  it("builds a push once per class of viewer and hands every subscriber of a class the same message", async () => {
    const build = vi.spyOn(alertLivePush, "build");
    const controller = new AbortController();
    const users = [
      t.users.noc_operator,
      t.users.noc_operator,
      t.users.admin,
      t.users.specialist,
      t.users.specialist,
    ];
    const got = users.map(() => [] as LiveOut[]);
    await Promise.all(
      users.map(async (u, i) => {
        const who = userSubscriber(await ctxFor(u));
        await liveBus.attach(
          t.tenant.id,
          { send: (m) => got[i]?.push(m), end: () => undefined },
          controller.signal,
          who,
        );
      }),
    );
    await raise("for everyone");
    for (let i = 0; i < 60 && !got.every((g) => g.some((m) => m.topic === "alert")); i++)
      await sleep(50);
    controller.abort();
    const alertOf = (i: number) => got[i]?.find((m) => m.topic === "alert");
    // operators and the admin see every alert: one class; the specialists another
    expect(build).toHaveBeenCalledTimes(2);
    expect(alertOf(0)).toBe(alertOf(1));
    expect(alertOf(0)).toBe(alertOf(2));
    expect(alertOf(3)).toBe(alertOf(4));
    expect(alertOf(0)).not.toBe(alertOf(3));
    expect(alertOf(0)).toHaveProperty("queue");
  });

  it("sends what a page has not read yet in one piece", async () => {
    const controller = new AbortController();
    const ctx = await ctxFor(t.users.noc_operator);
    const stream = liveEventStream(t.tenant.id, userSubscriber(ctx), controller.signal);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let first = "";
    while (!first.includes('"ready"')) first += decoder.decode((await reader.read()).value);
    // two batches, more than a batch interval apart, while the page reads nothing
    await raise("first of two");
    await sleep(700);
    await raise("second of two");
    await sleep(700);
    const chunk = decoder.decode((await reader.read()).value);
    expect(chunk.match(/^data: /gm)).toHaveLength(2);
    expect(chunk).toContain("first of two");
    expect(chunk).toContain("second of two");
    controller.abort();
    await reader.cancel();
  });
});
