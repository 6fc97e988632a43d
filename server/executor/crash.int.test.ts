import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import {
  type Child,
  killChild,
  runTs,
  startExecutor as startHarnessExecutor,
  throwawayDatabase,
  until,
} from "@/server/test/crash/harness";

/**
 * Issue 21: crashes during alert intake. A throwaway PostgreSQL, the embedded executor as a
 * child process (it serves the functions itself), and SIGKILL.
 */
const PG_PORT = Number(process.env.CRASH_TEST_PG_PORT ?? 54411);
const EXECUTOR_PORT = String(Number(process.env.CRASH_TEST_EXECUTOR_PORT ?? 18311));

/** they use a throwaway PostgreSQL of their own: scripts/test-integration.ts runs them once */
const skip = process.env.SKIP_CRASH_TESTS === "1";

let pg: Awaited<ReturnType<typeof throwawayDatabase>>;
let t: TestTenant;
let executor: Child | null = null;

const startExecutor = () => startHarnessExecutor(pg.url, EXECUTOR_PORT);

const count = async (scored: boolean) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.alerts)
    .where(
      and(
        eq(schema.alerts.tenantId, t.tenant.id),
        scored ? isNotNull(schema.alerts.triagedAt) : undefined,
      ),
    );
  return row?.n ?? 0;
};

beforeAll(async () => {
  if (skip) return;
  pg = await throwawayDatabase(PG_PORT);
  // this file's own database: server/db connects on first use
  process.env.DATABASE_URL = pg.url;
  t = await createTestTenant("crash");
}, 120_000);

afterAll(async () => {
  await killChild(executor);
  await closeDb();
  await pg?.stop();
});

describe.skipIf(skip)("crashes during alert intake", () => {
  it("an alert committed by an app killed before it sent the event is still triaged", async () => {
    // the app takes alerts while no executor runs (first start, or the executor is down), and
    // is killed: whatever it committed must be triaged once an executor runs
    const intake = runTs("server/test/crash/intake.ts", {
      DATABASE_URL: pg.url,
      TENANT_ID: t.tenant.id,
      SITE_ID: t.sites[0]?.id ?? "",
    });
    await until(async () => intake.output().includes("created 30"), 60_000, "30 alerts");
    await killChild(intake);
    const committed = await count(false);
    expect(committed).toBeGreaterThanOrEqual(30);

    executor = startExecutor();
    await until(async () => (await count(true)) === committed, 60_000, "every alert scored");
  }, 120_000);

  it("executor SIGKILLed mid-triage: every alert is scored seconds after it is back, none twice", async () => {
    executor ??= startExecutor();
    const before = await count(false);
    const ctx = jobContext(t.tenant.id, "crash-test");
    const siteId = t.sites[0]?.id ?? "";
    const N = 300;
    for (let i = 0; i < N; i += 30) {
      await Promise.all(
        Array.from({ length: 30 }, (_, j) =>
          createAlert(
            ctx,
            {
              siteId,
              type: "DEVICE_OFFLINE",
              severity: "medium",
              title: `flood ${i + j}`,
              description: "",
              fingerprint: `flood-${i + j}`,
              source: "api",
            },
            new Date(),
          ),
        ),
      );
    }
    await until(async () => (await count(true)) > before, 60_000, "triage under way");
    await killChild(executor);
    const unscored = before + N - (await count(true));
    expect(unscored).toBeGreaterThan(0);

    const restarted = Date.now();
    executor = startExecutor();
    await until(async () => (await count(true)) === before + N, 60_000, "every alert scored").catch(
      async (err: unknown) => {
        console.log(executor?.output());
        console.log(
          await db.execute(
            sql`select r.status, r.lease_owner, r.lease_expires_at, r.wake_at, r.attempt, r.error, count(*) from alerts a left join job_runs r on r.event->'data'->>'alertId' = a.id::text where a.tenant_id = ${t.tenant.id} and a.triaged_at is null group by 1,2,3,4,5,6 limit 20`,
          ),
          await db.execute(sql`select count(*) from event_outbox`),
        );
        throw err;
      },
    );
    const seconds = (Date.now() - restarted) / 1000;
    console.log(
      `[crash] executor restarted with ${unscored} of ${N} alerts unscored: the last was scored ${seconds.toFixed(1)} s after the restart`,
    );
    expect(seconds).toBeLessThan(30);

    // one triage run per alert: a resent event or a retaken run starts nothing twice
    const twice = await db.execute(sql`
      select event->'data'->>'alertId' as "alertId", count(*)::int as n
      from job_runs where function_id like '%triage-alert' and tenant_id = ${t.tenant.id}
      group by 1 having count(*) > 1`);
    expect(twice).toHaveLength(0);
    const [runs] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.jobRuns)
      .where(
        and(
          eq(schema.jobRuns.tenantId, t.tenant.id),
          sql`${schema.jobRuns.functionId} like '%triage-alert'`,
        ),
      );
    expect(runs?.n).toBe(before + N);
  }, 180_000);
});
