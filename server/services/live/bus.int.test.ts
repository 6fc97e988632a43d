import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import type { LiveMessage } from "@/lib/live-topics";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { liveBus } from "./bus";
import { publish } from "./publish";

// A second connection pool stands in for another app process writing to the same database.
const other = postgres(process.env.DATABASE_URL ?? "", { max: 2, onnotice: () => undefined });
const otherDb = drizzle(other, { schema });
afterAll(() => other.end());

async function collect(
  tenantId: string,
  until: (events: LiveMessage[]) => boolean,
  act: () => Promise<void>,
) {
  const controller = new AbortController();
  const events: LiveMessage[] = [];
  const iterator = liveBus.subscribe(tenantId, controller.signal);
  // the first message says the subscriber is registered: nothing after it can be missed
  expect((await iterator.next()).value).toEqual({ topic: "ready", ids: null });
  const done = (async () => {
    while (!until(events)) {
      const n = await iterator.next();
      if (n.done) break;
      events.push(n.value);
    }
  })();
  await act();
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  controller.abort();
  return events;
}

describe("live bus", () => {
  it("delivers a committed change from another process to the tenant's subscribers only", async () => {
    const [a, b] = await Promise.all([createTestTenant("live-a"), createTestTenant("live-b")]);
    const events = await collect(
      a.tenant.id,
      (e) => e.some((x) => x.ids?.includes("a-2")),
      async () => {
        await otherDb.transaction(async (tx) =>
          publish(jobContext(b.tenant.id, "test", tx), "site", ["b-1"]),
        );
        await otherDb.transaction(async (tx) =>
          publish(jobContext(a.tenant.id, "test", tx), "site", ["a-1"]),
        );
        await otherDb
          .transaction(async (tx) => {
            await publish(jobContext(a.tenant.id, "test", tx), "site", ["rolled-back"]);
            throw new Error("roll back");
          })
          .catch(() => undefined);
        await publish(jobContext(a.tenant.id, "test"), "user", ["a-2"]);
      },
    );
    expect(events).toEqual([
      { topic: "site", ids: ["a-1"] },
      { topic: "user", ids: ["a-2"] },
    ]);
  });

  it("names up to 500 changed ids in several notifications, and more as 'some changed'", async () => {
    const t = await createTestTenant("live-many");
    const ids = Array.from({ length: 120 }, (_, i) => `s-${i}`);
    const events = await collect(
      t.tenant.id,
      (e) => e.some((x) => x.ids === null),
      async () => {
        await db.transaction((tx) => publish(jobContext(t.tenant.id, "test", tx), "site", ids));
        await publish(
          jobContext(t.tenant.id, "test"),
          "site",
          Array.from({ length: 501 }, (_, i) => `m-${i}`),
        );
      },
    );
    expect(events.map((e) => e.ids?.length ?? null)).toEqual([50, 50, 20, null]);
    expect(events.flatMap((e) => e.ids ?? [])).toEqual(ids);
  });
});
