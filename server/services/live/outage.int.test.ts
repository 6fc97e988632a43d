import { TRPCError } from "@trpc/server";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handle } from "@/server/api/http";
import { closeDb, db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import {
  type Child,
  killChild,
  runTs,
  throwawayDatabase,
  until,
} from "@/server/test/crash/harness";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { liveBus } from "./bus";

/**
 * Issue 21: PostgreSQL SIGKILLed and started again, under a running executor (a child process),
 * an open live stream and requests.
 */
const PG_PORT = Number(process.env.OUTAGE_TEST_PG_PORT ?? 54412);
const EXECUTOR_PORT = String(Number(process.env.OUTAGE_TEST_EXECUTOR_PORT ?? 18312));

/** they use a throwaway PostgreSQL of their own: scripts/test-integration.ts runs them once */
const skip = process.env.SKIP_CRASH_TESTS === "1";

let pg: Awaited<ReturnType<typeof throwawayDatabase>>;
let t: TestTenant;
let executor: Child | null = null;

beforeAll(async () => {
  if (skip) return;
  pg = await throwawayDatabase(PG_PORT);
  process.env.DATABASE_URL = pg.url;
  t = await createTestTenant("outage");
  executor = runTs("scripts/executor.ts", {
    DATABASE_URL: pg.url,
    EXECUTOR_PORT,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${EXECUTOR_PORT}`,
  });
  await until(async () => executor?.output().includes("listening on") ?? false, 60_000, "executor");
}, 120_000);

afterAll(async () => {
  await killChild(executor);
  await closeDb();
  await pg?.stop();
});

const newAlert = (title: string) =>
  createAlert(
    jobContext(t.tenant.id, "outage-test"),
    {
      siteId: t.sites[0]?.id ?? "",
      type: "DEVICE_OFFLINE",
      severity: "medium",
      title,
      description: "",
      fingerprint: title,
      source: "api",
    },
    new Date(),
  );

const scored = async (id: string) =>
  (
    await db
      .select({ id: schema.alerts.id })
      .from(schema.alerts)
      .where(and(eq(schema.alerts.id, id), isNotNull(schema.alerts.triagedAt)))
  ).length === 1;

describe.skipIf(skip)("a PostgreSQL restart", () => {
  it("ends open streams, answers 503 fast meanwhile, and leaves the executor and LISTEN working", async () => {
    const first = await newAlert("before the outage");
    await until(() => scored(first.id), 30_000, "the executor triages");

    const stream = liveBus.subscribe(t.tenant.id, new AbortController().signal);
    expect((await stream.next()).value).toEqual({ topic: "ready", ids: null });
    const ended = stream.next();

    pg.kill();

    // the open stream ends (its browser reconnects and refetches, or shows live updates off)
    const end = await Promise.race([
      ended.then((r) => r.done),
      new Promise((r) => setTimeout(() => r("still open"), 10_000)),
    ]);
    expect(end).toBe(true);

    // requests answer 503 within a few seconds rather than hang until the database is back
    let started = Date.now();
    const res = await handle(new Request("http://localhost/api/test"), async () => {
      await db.select().from(schema.alerts).limit(1);
      return Response.json({ ok: true });
    });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5_000);
    started = Date.now();
    const trpc = await callerFor(t.users.admin)
      .alert.stats()
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(trpc).toBeInstanceOf(TRPCError);
    expect((trpc as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(5_000);

    await new Promise((r) => setTimeout(r, 2_000));
    await pg.restart();
    await until(
      async () => {
        try {
          await db.execute(sql`select 1`);
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      "the database back",
    );

    // the executor lived through it and works again
    expect(executor?.proc.exitCode).toBeNull();
    expect(executor?.proc.signalCode).toBeNull();
    const after = await newAlert("after the outage");
    await until(() => scored(after.id), 30_000, "triage after the outage");

    // a new stream listens again and hears changes
    const again = liveBus.subscribe(t.tenant.id, new AbortController().signal);
    expect((await again.next()).value).toEqual({ topic: "ready", ids: null });
    const heard = (async () => {
      for await (const m of again) if (m.topic === "alert") return m;
    })();
    await newAlert("heard after the outage");
    const got = await Promise.race([
      heard,
      new Promise((r) => setTimeout(() => r("nothing"), 10_000)),
    ]);
    expect(got).toMatchObject({ topic: "alert" });
    await again.return(undefined);
  }, 180_000);
});
