import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let a: TestTenant;
let b: TestTenant;
const sweepId = `sweep-${randomUUID()}`;
const ownRunId = `own-${randomUUID()}`;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("ja"), createTestTenant("jb")]);
  const startedAt = new Date(Date.now() + 60_000); // newest, so it leads every list
  // a scheduled sweep over every tenant, as the executor records it: per-tenant steps named by
  // tenant id, totals in the summary and result
  await db.insert(schema.jobRuns).values([
    {
      id: sweepId,
      mode: "embedded",
      tenantId: null,
      functionId: "watchfloor-escalate-sla-risks",
      trigger: "cron",
      triggerDetail: "*/30 * * * *",
      event: { name: "inngest/scheduled.timer", data: { cron: "*/30 * * * *" } },
      status: "completed",
      result: { escalated: 7, perTenant: { [a.tenant.id]: 7 } },
      summary: "7 tickets escalated",
      startedAt,
      endedAt: startedAt,
    },
    {
      id: ownRunId,
      mode: "embedded",
      tenantId: b.tenant.id,
      functionId: "watchfloor-triage-alert",
      trigger: "event",
      triggerDetail: "noc/alert.created",
      event: { name: "noc/alert.created", data: { tenantId: b.tenant.id } },
      status: "completed",
      result: { score: 42 },
      summary: "scored 42",
      startedAt,
      endedAt: startedAt,
    },
  ]);
  await db.insert(schema.jobRunSteps).values([
    { runId: sweepId, stepId: "s1", name: "list-tenants", op: "step", status: "completed" },
    {
      runId: sweepId,
      stepId: "s2",
      name: `escalate-${a.tenant.id}`,
      op: "step",
      status: "completed",
    },
    {
      runId: sweepId,
      stepId: "s3",
      name: `escalate-${b.tenant.id}`,
      op: "step",
      status: "failed",
      error: `tenant ${a.tenant.id} lock timeout`,
    },
    { runId: ownRunId, stepId: "t1", name: "score", op: "step", status: "completed" },
  ]);
});

describe("job history per tenant", () => {
  it("shows tenant B's admin a sweep without tenant A's id or the sweep's totals", async () => {
    const admin = callerFor(b.users.admin);
    const seen = JSON.stringify([
      await admin.job.list(),
      await admin.job.runs({ limit: 200 }),
      await admin.job.runs({ jobId: "escalate-sla-risks", limit: 200 }),
      await admin.job.run({ id: sweepId }),
    ]);
    expect(seen).not.toContain(a.tenant.id);
    expect(seen).not.toContain("7 tickets escalated");
    expect(seen).not.toContain('"escalated"');

    const run = await admin.job.run({ id: sweepId });
    expect(run.steps.map((s) => s.name)).toEqual(["list-tenants"]);
    expect(run.result).toBeNull();
    expect(run.event).toEqual({ name: "inngest/scheduled.timer" });
    expect(run.shared).toBe(true);
    const listed = (await admin.job.runs({ jobId: "escalate-sla-risks", limit: 5 }))[0];
    expect(listed).toMatchObject({ id: sweepId, shared: true });
    expect(listed?.summary).not.toMatch(/\d/);
  });

  it("shows a tenant its own steps of a sweep, and its own runs in full", async () => {
    const adminA = callerFor(a.users.admin);
    const sweep = await adminA.job.run({ id: sweepId });
    expect(sweep.steps.map((s) => s.name)).toEqual(["list-tenants", `escalate-${a.tenant.id}`]);

    const adminB = callerFor(b.users.admin);
    const own = await adminB.job.run({ id: ownRunId });
    expect(own).toMatchObject({ summary: "scored 42", result: { score: 42 }, shared: false });
    expect(own.steps.map((s) => s.name)).toEqual(["score"]);
    await expect(adminA.job.run({ id: ownRunId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
