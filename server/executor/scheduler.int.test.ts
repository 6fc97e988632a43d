import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { CronScheduler } from "./scheduler";
import type { RegisteredFunction } from "./types";

const fn = (id: string): RegisteredFunction => ({
  id,
  appId: "catch-up-test",
  name: id,
  triggers: [{ cron: "*/5 * * * *" }],
  url: "http://127.0.0.1:9/api/inngest",
  retries: 0,
  priority: null,
  concurrency: null,
});

describe("cron catch-up", () => {
  it("a new executor runs the most recent tick missed while none ran, once, and not the older ones", async () => {
    const id = `catch-up-${randomUUID().slice(0, 8)}`;
    const now = new Date("2026-12-02T10:32:00Z");
    // the last tick any executor claimed was 10:00; 10:05 … 10:30 were missed
    await db
      .insert(schema.jobCronTicks)
      .values({ functionId: id, tickAt: new Date("2026-12-02T10:00:00Z") });

    const started = await new CronScheduler(db).tick([fn(id)], now);
    expect(started).toHaveLength(1);
    // a second executor starting at the same moment adds nothing
    expect(await new CronScheduler(db).tick([fn(id)], now)).toHaveLength(0);

    const ticks = await db
      .select({ tickAt: schema.jobCronTicks.tickAt })
      .from(schema.jobCronTicks)
      .where(eq(schema.jobCronTicks.functionId, id))
      .orderBy(schema.jobCronTicks.tickAt);
    expect(ticks.map((t) => t.tickAt.toISOString())).toEqual([
      "2026-12-02T10:00:00.000Z",
      "2026-12-02T10:30:00.000Z",
    ]);
  });

  it("an executor that lost its database for a while runs the latest missed tick once on its return", async () => {
    const id = `catch-up-${randomUUID().slice(0, 8)}`;
    const s = new CronScheduler(db);
    expect(await s.tick([fn(id)], new Date("2026-12-02T11:01:00Z"))).toHaveLength(0);
    // the database was unreachable from 11:04 to 11:22: the ticks in between could not be claimed
    expect(await s.tick([fn(id)], new Date("2026-12-02T11:22:00Z"))).toHaveLength(1);
    const ticks = await db
      .select({ tickAt: schema.jobCronTicks.tickAt })
      .from(schema.jobCronTicks)
      .where(eq(schema.jobCronTicks.functionId, id));
    expect(ticks.map((t) => t.tickAt.toISOString())).toEqual(["2026-12-02T11:20:00.000Z"]);
  });
});
