import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { generateScorecard } from "@/server/services/scorecards/generate";
import { pastMonths } from "@/server/services/scorecards/queries";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { eq } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";

let t: TestTenant;
let other: TestTenant;
const month = pastMonths(new Date(), 1)[0] ?? "";

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("sc-router"), createTestTenant("sc-router-o")]);
  await db
    .update(schema.clients)
    .set({ createdAt: new Date("2020-01-01T00:00:00Z") })
    .where(eq(schema.clients.tenantId, t.tenant.id));
  // the executive reads Gold Client only
  await db.insert(schema.userScopes).values({
    tenantId: t.tenant.id,
    userId: t.users.executive.id,
    clientId: t.clients.gold.id,
  });
  const hq = t.sites[0];
  if (!hq) throw new Error("site");
  const at = new Date(`${month}-10T12:00:00Z`);
  await db.insert(schema.tickets).values(
    [false, true, false].map((breached, i) => ({
      tenantId: t.tenant.id,
      clientId: t.clients.gold.id,
      siteId: hq.id,
      requester: "r",
      title: `ticket ${i}`,
      category: "other",
      priority: "P3" as const,
      status: "resolved" as const,
      createdAt: new Date(at.getTime() - 3_600_000),
      resolvedAt: at,
      resolutionBreached: breached,
    })),
  );
  const ctx = jobContext(t.tenant.id, "test", db);
  for (const c of [t.clients.gold.id, t.clients.bronze.id])
    await generateScorecard(ctx, { clientId: c, month }, new Date());
});

describe("scorecard router", () => {
  it("an executive's grid lists only their clients, with the month's overall RAG", async () => {
    const grid = await callerFor(t.users.executive).scorecard.grid({ months: 3 });
    expect(grid.months).toHaveLength(3);
    expect(grid.clients.map((c) => c.name)).toEqual(["Gold Client"]);
    expect(grid.clients[0]?.cells[0]).toMatchObject({ month, version: 1 });
    expect(grid.clients[0]?.cells[0]?.overallRag).toMatch(/red|amber|green/);
    const admin = await callerFor(t.users.admin).scorecard.grid({ months: 3 });
    expect(admin.clients.map((c) => c.name)).toEqual(["Bronze Client", "Gold Client"]);
  });

  it("a month's detail, and a drill-down whose rows match the KPI's count", async () => {
    const caller = callerFor(t.users.executive);
    const detail = await caller.scorecard.get({ clientId: t.clients.gold.id, month });
    const sla = detail.scorecard.kpis.find((k) => k.key === "sla_met_pct");
    expect(sla).toMatchObject({ value: 66.7, inputs: { total: 3, breached: 1 } });
    const drill = await caller.scorecard.drill({
      clientId: t.clients.gold.id,
      month,
      kpi: "sla_met_pct",
    });
    expect(drill.rows).toHaveLength(sla?.inputs.total ?? -1);
    expect(drill.rows.filter((r) => r.flagged)).toHaveLength(1);
    // the tenant has no devices: no records behind device uptime
    const untracked = await caller.scorecard.drill({
      clientId: t.clients.gold.id,
      month,
      kpi: "device_uptime_pct",
    });
    expect(untracked.rows).toEqual([]);
  });

  it("out of scope, other tenants and missing months are not found", async () => {
    const exec = callerFor(t.users.executive);
    const bronze = { clientId: t.clients.bronze.id, month };
    await expect(exec.scorecard.get(bronze)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exec.scorecard.drill({ ...bronze, kpi: "sla_met_pct" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(other.users.admin).scorecard.get({ clientId: t.clients.gold.id, month }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(t.users.admin).scorecard.get({ clientId: t.clients.gold.id, month: "2019-01" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("roles without scorecards are forbidden; bad months are a clear 400", async () => {
    await expect(callerFor(t.users.noc_operator).scorecard.grid({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      callerFor(t.users.admin).scorecard.get({ clientId: t.clients.gold.id, month: "2026-13" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/2026-10/) });
  });

  it("admins and supervisors regenerate (a new version); executives cannot", async () => {
    const key = { clientId: t.clients.gold.id, month };
    await expect(callerFor(t.users.executive).scorecard.regenerate(key)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const r = await callerFor(t.users.supervisor).scorecard.regenerate(key);
    expect(r).toMatchObject({ version: 2, created: true });
    const future = { clientId: t.clients.gold.id, month: "2999-01" };
    await expect(callerFor(t.users.admin).scorecard.regenerate(future)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not over yet/),
    });
  });

  it("admins edit targets, validated; others may only read them", async () => {
    const admin = callerFor(t.users.admin);
    const clientId = t.clients.gold.id;
    expect(
      (await admin.scorecard.targets({ clientId })).find((x) => x.kpi === "sla_met_pct"),
    ).toMatchObject({ target: 95, redAt: 90, isDefault: true });
    await admin.scorecard.setTarget({ clientId, kpi: "sla_met_pct", target: 98, redAt: 93 });
    expect(
      (await callerFor(t.users.executive).scorecard.targets({ clientId })).find(
        (x) => x.kpi === "sla_met_pct",
      ),
    ).toMatchObject({ target: 98, redAt: 93, isDefault: false });
    await expect(
      admin.scorecard.setTarget({ clientId, kpi: "sla_met_pct", target: 90, redAt: 95 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(t.users.supervisor).scorecard.setTarget({
        clientId,
        kpi: "sla_met_pct",
        target: 98,
        redAt: 93,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin puts a target back on the default; others may not", async () => {
    const admin = callerFor(t.users.admin);
    const clientId = t.clients.gold.id;
    await admin.scorecard.setTarget({ clientId, kpi: "attendance_pct", target: 99, redAt: 97 });
    await expect(
      callerFor(t.users.supervisor).scorecard.resetTarget({ clientId, kpi: "attendance_pct" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(other.users.admin).scorecard.resetTarget({ clientId, kpi: "attendance_pct" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.scorecard.resetTarget({ clientId, kpi: "attendance_pct" })).toMatchObject({
      isDefault: true,
    });
    const row = (await admin.scorecard.targets({ clientId })).find(
      (x) => x.kpi === "attendance_pct",
    );
    expect(row?.isDefault).toBe(true);
    const audit = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, clientId));
    expect(audit.map((a) => a.action)).toContain("scorecard.target.reset");
    // resetting a KPI that is already on its default changes nothing and says so
    expect(await admin.scorecard.resetTarget({ clientId, kpi: "attendance_pct" })).toMatchObject({
      isDefault: true,
    });
  });
});
