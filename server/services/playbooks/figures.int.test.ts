import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor } from "@/server/test/factories";
import { createTestAlert, createTestPlaybook, startRuns } from "@/server/test/playbooks";
import { queueTiming } from "../noc/queue";
import { generateScorecard } from "../scorecards/generate";
import { jobContext } from "../_core/system";
import { beginRun } from "./run-state";
import { executeStep } from "./execute";

const ctxOf = (tenantId: string) => jobContext(tenantId, "run-playbook");

/** Carries a started run through its steps as the function would. */
async function runThrough(tenantId: string, runId: string, steps: number, now: Date) {
  await beginRun(ctxOf(tenantId), { runId }, now);
  for (let index = 0; index < steps; index++)
    await executeStep(ctxOf(tenantId), { runId, index }, now);
}

describe("what playbook resolutions count for", () => {
  it("the scorecard's NOC auto-resolution KPI counts alerts a playbook resolved", async () => {
    const t = await createTestTenant("pb-score");
    await db
      .update(schema.clients)
      .set({ createdAt: new Date("2026-06-01T00:00:00Z") })
      .where(eq(schema.clients.tenantId, t.tenant.id));
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
      steps: [{ kind: "resolve_alert", note: "Recovered" }],
    });
    const at = new Date("2026-10-10T08:00:00Z");
    const auto = await createTestAlert(t, { type: "DEVICE_OFFLINE", firstSeenAt: at });
    const [runId = ""] = (await startRuns(t, auto.id, at)).started;
    await runThrough(t.tenant.id, runId, 1, new Date("2026-10-10T08:05:00Z"));
    // and one resolved by hand, so the share is one in two
    const manual = await createTestAlert(t, { type: "INTRUSION", firstSeenAt: at });
    await db
      .update(schema.alerts)
      .set({
        status: "resolved",
        resolution: "manual",
        resolvedAt: new Date("2026-10-10T09:00:00Z"),
      })
      .where(eq(schema.alerts.id, manual.id));
    const [a] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, auto.id));
    expect(a).toMatchObject({ status: "resolved", resolution: "auto" });

    const { scorecard } = await generateScorecard(
      jobContext(t.tenant.id, "test"),
      { clientId: t.clients.gold.id, month: "2026-10" },
      new Date("2026-11-15T12:00:00Z"),
    );
    expect(scorecard.kpis.find((k) => k.key === "noc_auto_resolution_pct")).toMatchObject({
      value: 50,
    });
  });

  it("the NOC header's share resolved automatically and MTTR with vs without a playbook", async () => {
    const t = await createTestTenant("pb-noc");
    await createTestPlaybook(t, {
      trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
      steps: [{ kind: "resolve_alert", note: "Recovered" }],
    });
    const now = new Date();
    const seen = new Date(now.getTime() - 60 * 60_000);
    const auto = await createTestAlert(t, { type: "DEVICE_OFFLINE", firstSeenAt: seen });
    const [runId = ""] = (await startRuns(t, auto.id, seen)).started;
    await runThrough(t.tenant.id, runId, 1, new Date(seen.getTime() + 10 * 60_000));
    const manual = await createTestAlert(t, { type: "INTRUSION", firstSeenAt: seen });
    await db
      .update(schema.alerts)
      .set({
        status: "resolved",
        resolution: "manual",
        resolvedAt: new Date(seen.getTime() + 50 * 60_000),
      })
      .where(eq(schema.alerts.id, manual.id));
    const viewer = await ctxFor(t.users.supervisor);
    const timing = await queueTiming(db, viewer.tenantId, { all: true }, now);
    expect(timing).toMatchObject({
      autoResolved7d: 0.5,
      mttr7dWithPlaybook: 10,
      mttr7dWithoutPlaybook: 50,
    });
  });
});
