import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { db, schema } from "@/server/db";
import { alertRow, callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

const NOW = new Date();
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("overview"), createTestTenant("overview-b")]);
  const [hq, depot] = t.sites;
  if (!hq || !depot) throw new Error("no sites");
  await db.insert(schema.alerts).values([
    // a critical waiting 20 min (target 5): overdue
    alertRow(hq, { severity: "critical" as const, firstSeenAt: minutesAgo(20) }),
    alertRow(hq, { severity: "high" as const, firstSeenAt: minutesAgo(1) }),
    alertRow(depot, {
      severity: "high" as const,
      status: "acknowledged" as const,
      escalated: true,
      acknowledgedAt: minutesAgo(1),
    }),
    alertRow(depot, { severity: "low" as const, status: "resolved" as const }),
  ]);
  const wo = (siteId: string, dueAt: Date | null) => ({
    tenantId: t.tenant.id,
    clientId: t.clients.gold.id,
    siteId,
    title: "Fix the gate",
    category: "access_control",
    dueAt,
  });
  await db
    .insert(schema.workOrders)
    .values([wo(hq.id, minutesAgo(60)), wo(hq.id, null), wo(depot.id, minutesAgo(5))]);
  // the site manager looks after Gold HQ only
  await db
    .insert(schema.userScopes)
    .values({ tenantId: t.tenant.id, userId: t.users.site_manager.id, siteId: hq.id });
});

const SECTIONS = ["alerts", "sla", "workOrders", "shifts", "scorecards", "devices"] as const;
const EXPECTED: Record<Exclude<Role, "guard">, (typeof SECTIONS)[number][]> = {
  admin: ["alerts", "sla", "workOrders", "shifts", "scorecards", "devices"],
  supervisor: ["alerts", "sla", "workOrders", "shifts", "scorecards", "devices"],
  noc_operator: ["alerts", "sla", "devices"],
  specialist: ["alerts", "devices"],
  site_manager: ["sla", "workOrders", "shifts", "devices"],
  executive: ["scorecards"],
};

describe("overview.get", () => {
  it("gives each role exactly the sections its capabilities allow", async () => {
    for (const [role, sections] of Object.entries(EXPECTED)) {
      const overview = await callerFor(t.users[role as Role]).overview.get();
      const present = SECTIONS.filter((s) => overview[s] !== null);
      expect({ role, sections: present }).toEqual({ role, sections });
    }
  });

  it("counts the operator's queue: open by severity, unacknowledged, overdue, escalated", async () => {
    const { alerts } = await callerFor(t.users.noc_operator).overview.get();
    expect(alerts).toMatchObject({
      open: 3,
      unacknowledged: 2,
      overdue: 1,
      escalated: 1,
      bySeverity: { critical: 1, high: 2, low: 0 },
    });
    // a specialist in no group sees none of them, as on /noc
    expect((await callerFor(t.users.specialist).overview.get()).alerts?.open).toBe(0);
  });

  it("narrows work orders to a site manager's sites", async () => {
    expect((await callerFor(t.users.supervisor).overview.get()).workOrders).toEqual({
      open: 3,
      overdue: 2,
    });
    expect((await callerFor(t.users.site_manager).overview.get()).workOrders).toEqual({
      open: 2,
      overdue: 1,
    });
  });

  it("shows another tenant nothing of ours, and refuses guards", async () => {
    const theirs = await callerFor(other.users.admin).overview.get();
    expect(theirs.alerts?.open).toBe(0);
    expect(theirs.workOrders).toEqual({ open: 0, overdue: 0 });
    await expect(callerFor(t.users.guard).overview.get()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
