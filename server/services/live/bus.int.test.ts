import { afterAll, describe, expect, it } from "vitest";
import { connectTo } from "@/server/db/connect";
import { drizzle } from "drizzle-orm/postgres-js";
import type { LiveMessage } from "@/lib/live-topics";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { COALESCE_MS, liveBus } from "./bus";
import { publish } from "./publish";

// A second connection pool stands in for another app process writing to the same database.
const other = connectTo(process.env.DATABASE_URL ?? "", { max: 2, onnotice: () => undefined });
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

  it("gathers a burst's notifications into one event naming every id, and more than 500 as 'some changed'", async () => {
    const t = await createTestTenant("live-many");
    const ids = Array.from({ length: 120 }, (_, i) => `s-${i}`);
    const events = await collect(
      t.tenant.id,
      (e) => e.some((x) => x.ids === null),
      async () => {
        // 120 ids go out as three notifications (50 ids each at most) in one commit
        await db.transaction((tx) => publish(jobContext(t.tenant.id, "test", tx), "site", ids));
        await new Promise((r) => setTimeout(r, COALESCE_MS * 3));
        await publish(
          jobContext(t.tenant.id, "test"),
          "site",
          Array.from({ length: 501 }, (_, i) => `m-${i}`),
        );
      },
    );
    expect(events.map((e) => e.ids?.length ?? null)).toEqual([120, null]);
    expect(events[0]?.ids).toEqual(ids);
  });

  it("gathers changes across commits for a moment: many notifications, one event per topic", async () => {
    const t = await createTestTenant("live-burst");
    const events = await collect(
      t.tenant.id,
      (e) => e.flatMap((x) => x.ids ?? []).length >= 24,
      async () => {
        for (let i = 0; i < 20; i++) {
          await publish(jobContext(t.tenant.id, "test"), "ticket", [`t-${i}`]);
          if (i % 5 === 0) await publish(jobContext(t.tenant.id, "test"), "workOrder", [`w-${i}`]);
        }
      },
    );
    // 24 notifications in well under COALESCE_MS on a quiet machine; on a busy one a few more
    // events, but every id named and far fewer events than notifications
    const named = (topic: string) =>
      events.filter((e) => e.topic === topic).flatMap((e) => e.ids ?? []);
    expect(new Set(named("ticket"))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `t-${i}`)),
    );
    expect(new Set(named("workOrder"))).toEqual(new Set(["w-0", "w-5", "w-10", "w-15"]));
    expect(events.length).toBeLessThan(24);
  });
});
