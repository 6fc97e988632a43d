import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { alertRow, createTestGroup, createTestTenant } from "@/server/test/factories";
import { createGuard, createShift } from "@/server/test/shift-factories";
import { runEscalationClocks } from "../noc/escalation-clocks";
import { platformContext } from "../_core/system";

// the instant the other escalation-clock tests use, so runs over every tenant agree
const NOW = new Date("2026-12-02T17:00:00Z");
const ago = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe("the fourth escalation clock: routed to a group with nobody on shift", () => {
  it("escalates at once an alert routed to a rostered group none of whose members is on shift", async () => {
    const t = await createTestTenant("nobody-on-shift");
    const site = t.sites[0];
    if (!site) throw new Error("no site");
    const [offDuty, onDuty] = [await createGuard(t, "Night"), await createGuard(t, "Day")];
    await createShift(site, { startsAt: ago(24 * 60), endsAt: ago(16 * 60), guard: offDuty });
    await createShift(site, { startsAt: ago(60), endsAt: ago(-420), guard: onDuty });
    const nobody = await createTestGroup(t, "Night patrol", [offDuty]);
    const somebody = await createTestGroup(t, "Day patrol", [onDuty]);
    const unrostered = await createTestGroup(t, "Specialists", [t.users.specialist]);
    const routed = (groupId: string) => ({
      assignedGroupId: groupId,
      routedAt: ago(1),
      firstSeenAt: ago(1),
      triagedAt: ago(1),
      score: 85,
    });
    const alerts = await db
      .insert(schema.alerts)
      .values([
        alertRow(site, routed(nobody)),
        alertRow(site, routed(somebody)),
        alertRow(site, routed(unrostered)),
      ])
      .returning({ id: schema.alerts.id });

    await runEscalationClocks(platformContext("escalation-clocks"), NOW);
    await runEscalationClocks(platformContext("escalation-clocks"), NOW);

    const rows = await db
      .select()
      .from(schema.alertEscalations)
      .where(eq(schema.alertEscalations.tenantId, t.tenant.id));
    expect(rows.map((r) => [r.alertId, r.clock])).toEqual([[alerts[0]?.id, "nobody_on_shift"]]);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, alerts[0]?.id ?? ""));
    expect(audit?.after).toMatchObject({ reason: "routed to a group with nobody on shift" });
  });
});
