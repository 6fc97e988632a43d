import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { jobContext, platformContext } from "../_core/system";
import { createAlert } from "./create-alert";
import { runEscalationClocks } from "./escalation-clocks";

const clocks = platformContext("escalation-clocks");

const NOW = new Date("2026-12-02T17:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe("escalation clocks", () => {
  it("escalate each overdue alert once per clock, and leave the rest", async () => {
    const t = await createTestTenant("clocks");
    const ctx = jobContext(t.tenant.id, "test");
    const make = async (fingerprint: string, severity: "critical" | "low") =>
      (
        await createAlert(
          ctx,
          {
            siteId: t.sites[0]?.id ?? "",
            type: "INTRUSION",
            severity,
            title: fingerprint,
            description: "",
            fingerprint,
            source: "manual",
          },
          NOW,
        )
      ).id;
    const late = await make("critical-late", "critical"); // target 5 min
    const fresh = await make("critical-fresh", "critical");
    const lowOld = await make("low-20min", "low"); // target 120 min
    const stuck = await make("acked-stuck", "critical");
    const routed = await make("routed-ignored", "critical");
    const set = (id: string, v: Partial<typeof schema.alerts.$inferInsert>) =>
      db.update(schema.alerts).set(v).where(eq(schema.alerts.id, id));
    await set(late, { firstSeenAt: minutesAgo(7) });
    await set(lowOld, { firstSeenAt: minutesAgo(20) });
    await set(stuck, {
      firstSeenAt: minutesAgo(50),
      status: "acknowledged",
      acknowledgedAt: minutesAgo(40),
    });
    await set(routed, { firstSeenAt: minutesAgo(4), routedAt: minutesAgo(12) });

    await runEscalationClocks(clocks, NOW);
    await runEscalationClocks(clocks, NOW); // again: nothing more

    const rows = await db
      .select({ alertId: schema.alertEscalations.alertId, clock: schema.alertEscalations.clock })
      .from(schema.alertEscalations)
      .where(eq(schema.alertEscalations.tenantId, t.tenant.id));
    const got = rows
      .map(
        (r) =>
          `${r.alertId === late ? "late" : r.alertId === stuck ? "stuck" : r.alertId === routed ? "routed" : "other"}:${r.clock}`,
      )
      .sort();
    expect(got).toEqual([
      "late:unacknowledged",
      "routed:routed_unacknowledged",
      "stuck:not_progressed",
    ]);
    const [f] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, fresh));
    expect(f?.escalated).toBe(false);
    const notes = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          like(schema.notifications.dedupeKey, "alert:%:escalated:%:in_app:%"),
        ),
      );
    expect(notes).toHaveLength(3); // one supervisor, three escalations, once each
  });

  it("triage an overdue alert that was never scored before its clock may escalate it", async () => {
    const t = await createTestTenant("clocks-unscored");
    const ctx = jobContext(t.tenant.id, "test");
    const { id } = await createAlert(
      ctx,
      {
        siteId: t.sites[0]?.id ?? "",
        type: "DEVICE_OFFLINE",
        severity: "high", // target 15 min
        title: "unscored and overdue",
        description: "",
        fingerprint: "unscored-overdue",
        source: "manual",
      },
      NOW,
    );
    // its triage was lost with a crashed executor (no executor runs in tests)
    await db
      .update(schema.alerts)
      .set({ firstSeenAt: minutesAgo(20) })
      .where(eq(schema.alerts.id, id));

    await runEscalationClocks(clocks, NOW);

    const [a] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(a?.triagedAt).not.toBeNull();
    expect(a?.score).not.toBeNull();
    const escalations = await db
      .select()
      .from(schema.alertEscalations)
      .where(eq(schema.alertEscalations.alertId, id));
    // whatever the clocks decided, they decided it about a scored alert
    for (const e of escalations)
      expect(e.createdAt.getTime()).toBeGreaterThanOrEqual(a?.triagedAt?.getTime() ?? Infinity);
  });
});
