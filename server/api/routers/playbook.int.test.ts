import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { followApprovalLink } from "@/server/services/playbooks/approval-use";
import { requestApproval } from "@/server/services/playbooks/run-state";
import { jobContext } from "@/server/services/_core/system";
import { callerFor, createTestTenant, ctxFor } from "@/server/test/factories";
import { createTestAlert, createTestPlaybook, startRuns } from "@/server/test/playbooks";

const NOW = new Date("2026-11-04T10:00:00Z");
const definition = {
  trigger: { alertTypes: ["INTRUSION" as const], minSeverity: "high" as const },
  requiresApproval: false,
  maxRunsPerSiteHour: 2,
  steps: [{ kind: "escalate" as const, reason: "" }],
};

const code = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

describe("playbook procedures", () => {
  it("admins edit; supervisors approve and kill; operators view; others are refused", async () => {
    const t = await createTestTenant("pb-roles");
    const other = await createTestTenant("pb-other");
    const admin = callerFor(t.users.admin);
    const { id } = await admin.playbook.create({ name: "Intrusions", definition });
    const alert = await createTestAlert(t, { type: "INTRUSION" });
    await admin.playbook.setEnabled({ id, enabled: true });
    const [runId = ""] = (await startRuns(t, alert.id, NOW)).started;

    const op = callerFor(t.users.noc_operator);
    expect((await op.playbook.list()).map((p) => p.name)).toEqual(["Intrusions"]);
    expect(await code(op.playbook.run({ id: runId }))).toBe("OK");
    expect(await code(op.playbook.runs({ alertId: alert.id }))).toBe("OK");
    expect(await code(op.playbook.create({ name: "x", definition }))).toBe("FORBIDDEN");
    expect(await code(op.playbook.approve({ runId }))).toBe("FORBIDDEN");
    expect(await code(op.playbook.kill({ id }))).toBe("FORBIDDEN");
    const sup = callerFor(t.users.supervisor);
    expect(await code(sup.playbook.update({ id, name: "y", definition }))).toBe("FORBIDDEN");
    expect(await code(sup.playbook.dryRun({ definition, days: 30 }))).toBe("FORBIDDEN");
    for (const role of ["specialist", "site_manager", "executive", "guard"] as const)
      expect(await code(callerFor(t.users[role]).playbook.list())).toBe("FORBIDDEN");

    // another tenant's admin sees none of it
    const stranger = callerFor(other.users.admin);
    expect(await stranger.playbook.list()).toEqual([]);
    for (const call of [
      () => stranger.playbook.get({ id }),
      () => stranger.playbook.run({ id: runId }),
      () => stranger.playbook.runs({ playbookId: id }),
      () => stranger.playbook.update({ id, name: "z", definition }),
      () => stranger.playbook.setEnabled({ id, enabled: false }),
      () => stranger.playbook.kill({ id }),
      () => stranger.playbook.approve({ runId }),
      () => stranger.playbook.dryRun({ definition, alertId: alert.id }),
    ])
      expect(await code(call())).toBe("NOT_FOUND");
    expect(await stranger.playbook.runs({ alertId: alert.id })).toEqual([]);

    // the supervisor's kill switch cancels the unfinished run
    expect(await sup.playbook.kill({ id })).toEqual({ id, cancelledRuns: 1 });
    expect((await op.playbook.run({ id: runId })).status).toBe("cancelled");
    expect((await op.playbook.get({ id })).enabled).toBe(false);
  });

  it("refuses a playbook that could resolve fire alarms, and triggers naming non-gold clients", async () => {
    const t = await createTestTenant("pb-valid");
    const admin = callerFor(t.users.admin);
    const bad = admin.playbook.create({
      name: "Fire",
      definition: {
        ...definition,
        trigger: { alertTypes: ["FIRE_ALARM"], minSeverity: "high" },
        steps: [{ kind: "resolve_alert", note: "ok" }],
      },
    });
    await expect(bad).rejects.toThrow(/steps\.0\.kind: A playbook can never resolve FIRE_ALARM/);
    const bronze = admin.playbook.create({
      name: "Bronze",
      definition: {
        ...definition,
        trigger: { ...definition.trigger, clientIds: [t.clients.bronze.id] },
      },
    });
    await expect(bronze).rejects.toThrow(/only for Gold clients/);
    const { id } = await admin.playbook.create({ name: "A", definition });
    await expect(admin.playbook.create({ name: "A", definition })).rejects.toThrow(
      /already has this name/,
    );
    expect(await admin.playbook.update({ id, name: "A", definition })).toEqual({ id, version: 2 });
    expect((await admin.playbook.get({ id })).versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it("starts one run per playbook per alert under duplicate events, and keeps the guardrail", async () => {
    const t = await createTestTenant("pb-dupes");
    const { id } = await createTestPlaybook(t, definition);
    const alert = await createTestAlert(t, { type: "INTRUSION" });
    const outs = await Promise.all(Array.from({ length: 5 }, () => startRuns(t, alert.id, NOW)));
    expect(outs.flatMap((o) => o.started)).toHaveLength(1);
    expect(outs.reduce((n, o) => n + o.existing, 0)).toBe(4);
    // two more alerts at the site within the hour: the guardrail (2 an hour) skips the third run
    const a2 = await createTestAlert(t, { type: "INTRUSION" });
    const a3 = await createTestAlert(t, { type: "INTRUSION" });
    expect((await startRuns(t, a2.id, new Date(NOW.getTime() + 60_000))).started).toHaveLength(1);
    expect(
      (await startRuns(t, a3.id, new Date(NOW.getTime() + 120_000))).skippedGuardrail,
    ).toHaveLength(1);
    // a bronze client's alert starts nothing
    const bronzeSite = t.sites[2];
    const b = await createTestAlert(t, { type: "INTRUSION" }, bronzeSite);
    expect((await startRuns(t, b.id, NOW)).started).toEqual([]);
    const [item] = await callerFor(t.users.admin).playbook.list();
    expect(item).toMatchObject({ id, stats: { runs: 2, skippedGuardrail: 1 } });
    expect(item?.lastRuns).toHaveLength(3);
  });

  it("keeps the guardrail when one site's alerts start runs at the same moment", async () => {
    const t = await createTestTenant("pb-race");
    await createTestPlaybook(t, definition);
    const alerts = await Promise.all(
      Array.from({ length: 4 }, () => createTestAlert(t, { type: "INTRUSION" })),
    );
    // four starts at once at one site, 2 an hour allowed: two start, two are skipped
    const outs = await Promise.all(alerts.map((a) => startRuns(t, a.id, NOW)));
    expect(outs.flatMap((o) => o.started)).toHaveLength(2);
    expect(outs.flatMap((o) => o.skippedGuardrail)).toHaveLength(2);
  });

  it("dry-runs a definition against one alert and against the last 30 days", async () => {
    const t = await createTestTenant("pb-dry");
    const admin = callerFor(t.users.admin);
    const alert = await createTestAlert(t, {
      type: "INTRUSION",
      firstSeenAt: new Date(Date.now() - 86_400_000),
    });
    const one = await admin.playbook.dryRun({ definition, alertId: alert.id });
    expect(one).toMatchObject({ mode: "alert", matches: true, steps: [{ kind: "escalate" }] });
    const history = await admin.playbook.dryRun({ definition, days: 30 });
    expect(history).toMatchObject({
      mode: "history",
      matched: 1,
      wouldRun: 1,
      steps: [{ kind: "escalate", runs: 1, runIf: "always" }],
    });
  });

  it("an approval link works once, even under two clicks at once, and records the approver", async () => {
    const t = await createTestTenant("pb-link");
    await createTestPlaybook(t, { ...definition, requiresApproval: true });
    const alert = await createTestAlert(t, { type: "INTRUSION" });
    const [runId = ""] = (await startRuns(t, alert.id, NOW)).started;
    await requestApproval(jobContext(t.tenant.id, "run-playbook"), { runId }, NOW);
    const [ask] = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, t.users.supervisor.id));
    const token = (d: string) => new RegExp(`${d}: \\S+token=(\\S+)`).exec(ask?.body ?? "")?.[1];
    const approve = token("Approve");
    const reject = token("Reject");
    expect(approve).toBeTruthy();

    const sup = await ctxFor(t.users.supervisor);
    const later = new Date(NOW.getTime() + 60_000);
    // an operator may not use it; a tampered link does nothing
    await expect(
      followApprovalLink(await ctxFor(t.users.noc_operator), approve, later),
    ).rejects.toThrow(/Only supervisors/);
    await expect(followApprovalLink(sup, `${approve?.slice(0, -2)}xx`, later)).rejects.toThrow(
      /not valid/,
    );
    const clicks = await Promise.allSettled([
      followApprovalLink(sup, approve, later),
      followApprovalLink(sup, approve, later),
    ]);
    expect(clicks.map((c) => c.status).sort()).toEqual(["fulfilled", "rejected"]);
    const [run] = await db
      .select()
      .from(schema.playbookRuns)
      .where(eq(schema.playbookRuns.id, runId));
    expect(run).toMatchObject({
      status: "running",
      approvedBy: t.users.supervisor.id,
      decidedVia: "link",
    });
    // the reject link of the pair is spent too; an expired link says so
    await expect(followApprovalLink(sup, reject, later)).rejects.toThrow(/already been used/);
    await expect(
      followApprovalLink(sup, approve, new Date(NOW.getTime() + 5 * 3600_000)),
    ).rejects.toThrow(/expired/);
  });
});
