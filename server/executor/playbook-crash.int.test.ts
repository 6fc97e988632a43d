import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import {
  type Child,
  killChild,
  startExecutor as startHarnessExecutor,
  throwawayDatabase,
  until,
} from "@/server/test/crash/harness";
import { createTestDevice, createTestPlaybook } from "@/server/test/playbooks";

/**
 * A playbook run on the embedded executor (a child process, a throwaway PostgreSQL), end to
 * end from the alert's creation: how long until its first step starts, and a SIGKILL while
 * the run sleeps between polls that loses nothing and repeats no finished step.
 */
const PG_PORT = Number(process.env.PLAYBOOK_CRASH_PG_PORT ?? 54412);
const EXECUTOR_PORT = String(Number(process.env.PLAYBOOK_CRASH_EXECUTOR_PORT ?? 18312));
const skip = process.env.SKIP_CRASH_TESTS === "1";

let pg: Awaited<ReturnType<typeof throwawayDatabase>>;
let t: TestTenant;
let executor: Child | null = null;

const startExecutor = () => startHarnessExecutor(pg.url, EXECUTOR_PORT);

beforeAll(async () => {
  if (skip) return;
  pg = await throwawayDatabase(PG_PORT);
  process.env.DATABASE_URL = pg.url;
  t = await createTestTenant("pb-crash");
}, 120_000);

afterAll(async () => {
  await killChild(executor);
  await closeDb();
  await pg?.stop();
});

const stepsOf = (runId: string) =>
  db
    .select()
    .from(schema.playbookStepResults)
    .where(eq(schema.playbookStepResults.runId, runId))
    .orderBy(schema.playbookStepResults.stepIndex);

describe.skipIf(skip)("a playbook run on the embedded executor", () => {
  it("starts within seconds of the alert, and a kill mid-wait resumes without repeating steps", async () => {
    const device = await createTestDevice(t);
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "low" },
      steps: [
        {
          kind: "notify",
          channels: ["in_app"],
          recipients: { userIds: [t.users.supervisor.id] },
          subject: "Camera down: {{alert.title}}",
          body: "{{alert.site}}",
        },
        {
          kind: "wait_for_condition",
          condition: { kind: "device_online" },
          everyMinutes: 1,
          timeoutMinutes: 5,
          onTimeout: "stop",
        },
        { kind: "resolve_alert", runIf: "met", note: "Back" },
      ],
    });
    executor = startExecutor();
    const { id: alertId } = await createAlert(
      jobContext(t.tenant.id, "crash-test"),
      {
        siteId: t.sites[0]?.id ?? "",
        type: "DEVICE_OFFLINE",
        severity: "medium",
        title: "Dock camera offline",
        description: "",
        deviceId: device.id,
        source: "device",
      },
      new Date(),
    );
    const [alert] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, alertId));
    let runId = "";
    await until(
      async () => {
        const [run] = await db
          .select()
          .from(schema.playbookRuns)
          .where(eq(schema.playbookRuns.alertId, alertId));
        runId = run?.id ?? "";
        const steps = runId ? await stepsOf(runId) : [];
        return steps[1]?.status === "waiting";
      },
      90_000,
      "the run to reach its wait",
    );
    const steps = await stepsOf(runId);
    const latency = (steps[0]?.startedAt?.getTime() ?? 0) - (alert?.createdAt.getTime() ?? 0);
    console.log(
      `[playbooks] alert created → first step started: ${latency} ms (embedded executor, cold start included)`,
    );

    // killed while the run sleeps before its second check; the camera comes back meanwhile
    await killChild(executor);
    await db.update(schema.devices).set({ online: true }).where(eq(schema.devices.id, device.id));
    executor = startExecutor();
    await until(
      async () => {
        const [run] = await db
          .select()
          .from(schema.playbookRuns)
          .where(eq(schema.playbookRuns.id, runId));
        return (
          run !== undefined && !["pending", "running", "awaiting_approval"].includes(run.status)
        );
      },
      150_000,
      "the run to finish after the restart",
    ).catch(async (err: unknown) => {
      console.log(executor?.output().slice(-6000), await stepsOf(runId));
      console.log(
        "the run's job_runs rows:",
        JSON.stringify(
          await db.execute(
            sql`select id, function_id, status, attempt, wake_at, lease_owner, lease_expires_at, pending, stack, now() as now from job_runs where function_id like '%playbook%'`,
          ),
          null,
          1,
        ),
      );
      throw err;
    });
    const [done] = await db
      .select()
      .from(schema.playbookRuns)
      .where(eq(schema.playbookRuns.id, runId));
    expect(done).toMatchObject({ status: "succeeded", error: null });
    const after = await stepsOf(runId);
    expect(after.map((s) => [s.kind, s.status])).toEqual([
      ["notify", "succeeded"],
      ["wait_for_condition", "succeeded"],
      ["resolve_alert", "succeeded"],
    ]);
    // the notify step ran once: one attempt, one message
    expect(after[0]?.attempt).toBe(1);
    const sent = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          eq(schema.notifications.userId, t.users.supervisor.id),
        ),
      );
    expect(sent.filter((n) => n.subject.startsWith("Camera down"))).toHaveLength(1);
    const [resolved] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, alertId));
    expect(resolved).toMatchObject({ status: "resolved", resolution: "auto" });

    // the same path with the executor warm: what an operator sees on a running floor
    const other = await createTestDevice(t);
    const warm = await createAlert(
      jobContext(t.tenant.id, "crash-test"),
      {
        siteId: t.sites[0]?.id ?? "",
        type: "DEVICE_OFFLINE",
        severity: "medium",
        title: "Gate camera offline",
        description: "",
        deviceId: other.id,
        source: "device",
      },
      new Date(),
    );
    let started: Date | null = null;
    await until(
      async () => {
        const [run] = await db
          .select()
          .from(schema.playbookRuns)
          .where(eq(schema.playbookRuns.alertId, warm.id));
        started = (run ? (await stepsOf(run.id))[0]?.startedAt : null) ?? null;
        return started !== null;
      },
      60_000,
      "the second run's first step",
    );
    const [warmAlert] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, warm.id));
    const warmLatency =
      ((started as Date | null)?.getTime() ?? 0) - (warmAlert?.createdAt.getTime() ?? 0);
    console.log(
      `[playbooks] alert created → first step started: ${warmLatency} ms (warm executor)`,
    );
  }, 300_000);
});
