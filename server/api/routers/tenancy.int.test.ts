import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("a"), createTestTenant("b")]);
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe("cross-tenant sweep: tenant A's admin with tenant B's ids", () => {
  it("reads nothing of tenant B", async () => {
    const admin = callerFor(a.users.admin);
    const bClient = b.clients.gold.id;
    const bSite = b.sites[0]?.id ?? "";
    expect(await code(admin.client.get({ id: bClient }))).toBe("NOT_FOUND");
    expect(await code(admin.site.get({ id: bSite }))).toBe("NOT_FOUND");
    expect(await admin.site.list({ clientId: bClient })).toEqual([]);
    expect(await admin.audit.timeline({ entityType: "client", entityId: bClient })).toEqual([]);
    const lists = [
      await admin.client.list(),
      await admin.site.list({}),
      await admin.user.list(),
      await admin.group.list(),
    ];
    for (const rows of lists) {
      for (const row of rows as { id: string }[]) {
        expect([
          b.clients.gold.id,
          b.clients.bronze.id,
          ...b.sites.map((s) => s.id),
          ...Object.values(b.users).map((u) => u.id),
        ]).not.toContain(row.id);
      }
    }
  });

  it("writes nothing of tenant B", async () => {
    const admin = callerFor(a.users.admin);
    const [bGroup] = await db
      .insert(schema.groups)
      .values({ tenantId: b.tenant.id, name: "B team" })
      .returning();
    const aGroup = await admin.group.create({ name: "A team" });
    const attempts: (() => Promise<unknown>)[] = [
      () => admin.client.update({ id: b.clients.gold.id, name: "Hijacked" }),
      () => admin.site.update({ id: b.sites[0]?.id ?? "", name: "Hijacked" }),
      () =>
        admin.site.create({
          clientId: b.clients.gold.id,
          name: "Sneaky",
          timeZone: "UTC",
          latitude: 0,
          longitude: 0,
          geofenceRadiusM: 100,
          criticality: 1,
        }),
      () => admin.user.update({ id: b.users.noc_operator.id, role: "admin" }),
      () => admin.group.update({ id: bGroup?.id ?? "", name: "Hijacked" }),
      () => admin.group.addMember({ groupId: bGroup?.id ?? "", userId: a.users.noc_operator.id }),
      () => admin.group.addMember({ groupId: aGroup.id, userId: b.users.noc_operator.id }),
      () =>
        admin.user.create({
          name: "x",
          email: `x-${Date.now()}@a.test`,
          role: "site_manager",
          password: "0123456789",
          scope: { siteIds: [b.sites[0]?.id ?? ""], clientIds: [] },
        }),
    ];
    const codes = [];
    for (const attempt of attempts) codes.push(await code(attempt()));
    expect(codes).toEqual([
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "BAD_REQUEST",
    ]);
    const [client] = await db
      .select()
      .from(schema.clients)
      .where(eq(schema.clients.id, b.clients.gold.id));
    expect(client?.name).toBe("Gold Client");
    const [op] = await db
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, b.users.noc_operator.id));
    expect(op?.role).toBe("noc_operator");
    const bSites = await db
      .select()
      .from(schema.sites)
      .where(eq(schema.sites.tenantId, b.tenant.id));
    expect(bSites).toHaveLength(3);
  });

  it("reads nothing of tenant B in the job history", async () => {
    // a sweep over every tenant with a step for B, and a run of B's own
    const sweep = `tenancy-sweep-${Date.now()}`;
    const own = `tenancy-own-${Date.now()}`;
    await db.insert(schema.jobRuns).values([
      {
        id: sweep,
        mode: "embedded",
        functionId: "watchfloor-predict-sla-breaches",
        trigger: "cron",
        triggerDetail: "*/15 * * * *",
        event: { name: "inngest/scheduled.timer" },
        status: "completed",
        summary: "9 open tickets scored, 4 at risk, 1 new alerts",
        result: { scored: 9 },
      },
      {
        id: own,
        mode: "embedded",
        tenantId: b.tenant.id,
        functionId: "watchfloor-triage-alert",
        trigger: "event",
        triggerDetail: "noc/alert.created",
        event: { name: "noc/alert.created", data: { tenantId: b.tenant.id } },
        status: "completed",
      },
    ]);
    await db.insert(schema.jobRunSteps).values([
      {
        runId: sweep,
        stepId: "p",
        name: `predict-${b.tenant.id}`,
        op: "step",
        status: "completed",
      },
      { runId: own, stepId: "s", name: "score", op: "step", status: "completed" },
    ]);
    const admin = callerFor(a.users.admin);
    expect(await code(admin.job.run({ id: own }))).toBe("NOT_FOUND");
    const seen = JSON.stringify([
      await admin.job.list(),
      await admin.job.runs({ limit: 200 }),
      await admin.job.run({ id: sweep }),
    ]);
    expect(seen).not.toContain(b.tenant.id);
    expect(seen).not.toContain(own);
    expect(seen).not.toContain("4 at risk");
  });

  it("never lets a forged session cross tenants", async () => {
    // a session claiming tenant B with tenant A's user id resolves to no active user
    const forged = callerFor({ ...a.users.admin, tenantId: b.tenant.id });
    expect(await code(forged.client.list())).toBe("UNAUTHORIZED");
  });
});
