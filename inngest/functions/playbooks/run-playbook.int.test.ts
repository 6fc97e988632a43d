import { InngestTestEngine, mockCtx } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db, schema } from "@/server/db";
import { decideRun } from "@/server/services/playbooks/decide";
import { createTestGroup, createTestTenant, ctxFor } from "@/server/test/factories";
import {
  createTestAlert,
  createTestDevice,
  createTestPlaybook,
  startRuns,
} from "@/server/test/playbooks";
import { runPlaybookFn } from "./run-playbook";

const NOW = new Date("2026-11-04T10:00:00Z");
const sleeps = (index: number, n: number, before?: (i: number) => Promise<void>) =>
  Array.from({ length: n }, (_, k) => ({
    id: `step-${index}-sleep-${k + 1}`,
    handler: async () => {
      await before?.(k + 1);
      return null;
    },
  }));

async function runOf(id: string) {
  const [run] = await db.select().from(schema.playbookRuns).where(eq(schema.playbookRuns.id, id));
  const steps = await db
    .select()
    .from(schema.playbookStepResults)
    .where(eq(schema.playbookStepResults.runId, id))
    .orderBy(schema.playbookStepResults.stepIndex);
  return { run, steps };
}

async function alertOf(id: string) {
  const [a] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
  return a;
}

type Decided = { name: string; data: Record<string, unknown> } | null;

/**
 * Runs the function; `approval` answers its step.waitForEvent. (@inngest/test 1.0 cannot mock a
 * waitForEvent step with data under inngest 4: it validates the unresolved mock promise as the
 * event. The wait's registration is asserted through the step spy instead.)
 */
function execute(
  tenantId: string,
  runId: string,
  steps: { id: string; handler: () => unknown }[] = [],
  approval?: () => Promise<Decided>,
) {
  let answer: Promise<Decided> | undefined;
  return new InngestTestEngine({
    function: runPlaybookFn,
    events: [{ name: "playbooks/run.requested", data: { tenantId, runId } }],
    steps,
    transformCtx: (ctx) => {
      const mocked = mockCtx(ctx);
      if (!approval) return mocked;
      // memoised like a real step: each replay of the function sees the same answer
      const waitForEvent = vi.fn(() => (answer ??= approval()));
      return {
        ...mocked,
        step: { ...mocked.step, waitForEvent: waitForEvent as typeof mocked.step.waitForEvent },
      };
    },
  }).execute();
}

describe("run-playbook", () => {
  it("carries out each kind of step once, recording what each did", async () => {
    const t = await createTestTenant("pb-kinds");
    const group = await createTestGroup(t, "IoT Specialists", [t.users.specialist]);
    const device = await createTestDevice(t);
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
      steps: [
        {
          kind: "notify",
          channels: ["in_app", "email"],
          recipients: { userIds: [t.users.supervisor.id], groupIds: [group] },
          subject: "Offline: {{alert.title}}",
          body: "At {{alert.site}} ({{alert.device}})",
        },
        { kind: "assign", groupId: group },
        { kind: "collect_diagnostics", lookbackHours: 6 },
        { kind: "create_ticket", title: "Check {{alert.device}}", priority: "P3" },
        { kind: "escalate", reason: "camera down" },
        { kind: "resolve_alert", note: "Handled by {{playbook.name}}" },
      ],
    });
    const alert = await createTestAlert(t, {
      type: "DEVICE_OFFLINE",
      severity: "high",
      deviceId: device.id,
      title: "Camera <b>offline</b>",
    });
    const { started } = await startRuns(t, alert.id, NOW);
    expect(started).toHaveLength(1);
    const runId = started[0] ?? "";

    const { error } = await execute(t.tenant.id, runId);
    expect(error).toBeUndefined();

    const { run, steps } = await runOf(runId);
    expect(run).toMatchObject({ status: "succeeded", resolvedAlert: true });
    expect(steps.map((s) => [s.kind, s.status, s.attempt])).toEqual([
      ["notify", "succeeded", 1],
      ["assign", "succeeded", 1],
      ["collect_diagnostics", "succeeded", 1],
      ["create_ticket", "succeeded", 1],
      ["escalate", "succeeded", 1],
      ["resolve_alert", "succeeded", 1],
    ]);
    // the run's page reads the assignee's name, not an id
    expect(steps[1]?.output).toEqual({ assignedTo: "IoT Specialists" });
    const diag = steps[2]?.output as {
      device: { name: string; online: boolean };
      openTickets: unknown[];
    };
    expect(diag.device).toMatchObject({ name: "Dock camera 3", online: false });

    const notes = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, t.tenant.id));
    const mine = notes.filter((n) => n.subject.startsWith("Offline:"));
    // supervisor + specialist, in-app and e-mail each; the subject keeps the title as text
    expect(mine.map((n) => n.channel).sort()).toEqual(["email", "email", "in_app", "in_app"]);
    expect(mine[0]?.subject).toBe("Offline: Camera <b>offline</b>");

    const a = await alertOf(alert.id);
    expect(a).toMatchObject({
      assignedGroupId: group,
      escalated: true,
      status: "resolved",
      resolution: "auto",
      ticketId: run?.ticketId,
    });
    expect(a?.resolutionNote).toContain("signal:");
    const [ticket] = await db
      .select()
      .from(schema.tickets)
      .where(eq(schema.tickets.id, run?.ticketId ?? ""));
    expect(ticket).toMatchObject({ title: "Check Dock camera 3", priority: "P3", category: "it" });
  });

  it("waits for the device with sleeps between polls, then resolves on that signal", async () => {
    const t = await createTestTenant("pb-wait");
    const device = await createTestDevice(t);
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
      steps: [
        {
          kind: "wait_for_condition",
          condition: { kind: "device_online" },
          everyMinutes: 5,
          timeoutMinutes: 30,
          onTimeout: "escalate",
        },
        { kind: "resolve_alert", runIf: "met", note: "Came back by itself" },
        { kind: "create_ticket", runIf: "timed_out", title: "Camera dead", priority: "P3" },
      ],
    });
    const alert = await createTestAlert(t, { type: "DEVICE_OFFLINE", deviceId: device.id });
    const [runId = ""] = (await startRuns(t, alert.id, NOW)).started;
    // the camera comes back during the second sleep
    const { error, ctx } = await execute(
      t.tenant.id,
      runId,
      sleeps(0, 6, async (k) => {
        if (k === 2)
          await db
            .update(schema.devices)
            .set({ online: true })
            .where(eq(schema.devices.id, device.id));
      }),
    );
    expect(error).toBeUndefined();
    expect(ctx.step.sleep).toHaveBeenCalledTimes(2);
    const { run, steps } = await runOf(runId);
    expect(run?.status).toBe("succeeded");
    expect(steps[0]).toMatchObject({ status: "succeeded", attempt: 3 });
    expect(steps[0]?.output).toMatchObject({ met: true, checks: 3 });
    expect(steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "skipped"]);
    expect(run?.ticketId).toBeNull();
    expect((await alertOf(alert.id))?.resolutionNote).toMatch(/signal: Dock camera 3 back online/);
  });

  it("takes the on_timeout branch when the condition never holds (escalate, stop)", async () => {
    const t = await createTestTenant("pb-timeout");
    const device = await createTestDevice(t);
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
      steps: [
        {
          kind: "wait_for_condition",
          condition: { kind: "device_online" },
          everyMinutes: 10,
          timeoutMinutes: 20,
          onTimeout: "escalate",
        },
        { kind: "resolve_alert", note: "never reached" },
      ],
    });
    const alert = await createTestAlert(t, { type: "DEVICE_OFFLINE", deviceId: device.id });
    const [runId = ""] = (await startRuns(t, alert.id, NOW)).started;
    const { error, ctx } = await execute(t.tenant.id, runId, sleeps(0, 2));
    expect(error).toBeUndefined();
    expect(ctx.step.sleep).toHaveBeenCalledTimes(2);
    const { run, steps } = await runOf(runId);
    expect(run?.status).toBe("succeeded");
    expect(steps.map((s) => [s.kind, s.status])).toEqual([["wait_for_condition", "timed_out"]]);
    expect(await alertOf(alert.id)).toMatchObject({ status: "new", escalated: true });
  });

  it("waits for approval: approved runs go on with the approver recorded", async () => {
    const t = await createTestTenant("pb-approve");
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["INTRUSION"], minSeverity: "high" },
      requiresApproval: true,
      steps: [{ kind: "escalate" }],
    });
    const alert = await createTestAlert(t, { type: "INTRUSION" });
    const [runId = ""] = (await startRuns(t, alert.id, NOW)).started;
    const supervisor = await ctxFor(t.users.supervisor);
    const { error, ctx } = await execute(t.tenant.id, runId, [], async () => {
      expect((await runOf(runId)).run?.status).toBe("awaiting_approval");
      await decideRun(supervisor, { runId, decision: "approve", via: "app" }, NOW);
      return {
        name: "playbooks/run.decided",
        data: { tenantId: t.tenant.id, runId, decision: "approve" },
      };
    });
    expect(error).toBeUndefined();
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith(
      "approval",
      expect.objectContaining({ match: "data.runId", timeout: "4h" }),
    );
    const { run } = await runOf(runId);
    expect(run).toMatchObject({
      status: "succeeded",
      approvedBy: t.users.supervisor.id,
      decidedVia: "app",
    });
    expect((await alertOf(alert.id))?.escalated).toBe(true);
    // the supervisors were asked with both links
    const asks = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          eq(schema.notifications.userId, t.users.supervisor.id),
        ),
      );
    const ask = asks.find((n) => n.subject.startsWith("Approve playbook"));
    expect(ask?.body).toMatch(/Approve: http.*\/api\/playbooks\/approve\?token=/);
    expect(ask?.body).toMatch(/Reject: http.*\/api\/playbooks\/approve\?token=/);
  });

  it("a rejected run does nothing; one nobody decides is cancelled at the timeout", async () => {
    const t = await createTestTenant("pb-reject");
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["INTRUSION"], minSeverity: "high" },
      requiresApproval: true,
      steps: [{ kind: "escalate" }],
    });
    const supervisor = await ctxFor(t.users.supervisor);
    const rejected = await createTestAlert(t, { type: "INTRUSION" });
    const [r1 = ""] = (await startRuns(t, rejected.id, NOW)).started;
    await execute(t.tenant.id, r1, [], async () => {
      await decideRun(supervisor, { runId: r1, decision: "reject", via: "app" }, NOW);
      return {
        name: "playbooks/run.decided",
        data: { tenantId: t.tenant.id, runId: r1, decision: "reject" },
      };
    });
    expect((await runOf(r1)).run).toMatchObject({
      status: "rejected",
      rejectedBy: t.users.supervisor.id,
    });
    expect((await alertOf(rejected.id))?.escalated).toBe(false);

    const ignored = await createTestAlert(t, { type: "INTRUSION" });
    const [r2 = ""] = (await startRuns(t, ignored.id, NOW)).started;
    const timedOut = await execute(t.tenant.id, r2, [], () => Promise.resolve(null));
    expect(timedOut.error).toBeUndefined();
    expect((await runOf(r2)).run).toMatchObject({
      status: "cancelled",
      error: "No decision within 4 hours",
    });
    expect((await alertOf(ignored.id))?.escalated).toBe(false);
  });

  it("never resolves a fire alarm: the step refuses and the run fails", async () => {
    const t = await createTestTenant("pb-fire");
    // a valid playbook (intrusions) whose run is pointed at a fire alarm, as a later edit or a
    // bug could: the step itself must refuse
    const { id } = await createTestPlaybook(t, {
      trigger: { alertTypes: ["INTRUSION"], minSeverity: "high" },
      steps: [{ kind: "resolve_alert", note: "all clear" }],
    });
    const fire = await createTestAlert(t, { type: "FIRE_ALARM", severity: "critical" });
    const [version] = await db
      .select()
      .from(schema.playbookVersions)
      .where(eq(schema.playbookVersions.playbookId, id));
    const [run] = await db
      .insert(schema.playbookRuns)
      .values({
        tenantId: t.tenant.id,
        playbookId: id,
        versionId: version?.id ?? "",
        version: 1,
        alertId: fire.id,
        clientId: fire.clientId,
        siteId: fire.siteId,
      })
      .returning();
    const { error } = await execute(t.tenant.id, run?.id ?? "");
    expect(error).toBeUndefined();
    const after = await runOf(run?.id ?? "");
    expect(after.run).toMatchObject({ status: "failed", resolvedAlert: false });
    expect(after.run?.error).toContain("never resolves FIRE_ALARM");
    expect(after.steps[0]).toMatchObject({ status: "failed" });
    expect(await alertOf(fire.id)).toMatchObject({ status: "new", resolution: null });
  });
});
