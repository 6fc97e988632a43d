import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { alertRow, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { generateMonthForTenant, generateScorecard } from "./generate";
import { jobContext } from "../_core/system";

const NOW = new Date("2026-11-15T12:00:00Z");
const H = 3_600_000;
let t: TestTenant;
let other: TestTenant;

async function tickets(
  clientId: string,
  siteId: string,
  month: string,
  met: number,
  breached: number,
) {
  const at = new Date(`${month}-10T12:00:00Z`);
  await db.insert(schema.tickets).values(
    Array.from({ length: met + breached }, (_, i) => ({
      tenantId: t.tenant.id,
      clientId,
      siteId,
      requester: "r",
      title: `t ${i}`,
      category: "other",
      priority: "P3" as const,
      status: "resolved" as const,
      createdAt: new Date(at.getTime() - 5 * H),
      resolvedAt: at,
      resolutionBreached: i >= met,
    })),
  );
}

const kpi = (card: { kpis: { key: string }[] }, key: string) =>
  card.kpis.find((k) => k.key === key);

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("score"), createTestTenant("score-other")]);
  await db
    .update(schema.clients)
    .set({ createdAt: new Date("2026-06-01T00:00:00Z") })
    .where(eq(schema.clients.tenantId, t.tenant.id));
  const gold = t.clients.gold.id;
  const [hq, depot] = t.sites;
  if (!hq || !depot) throw new Error("sites");
  await tickets(gold, hq.id, "2026-09", 10, 0);
  await tickets(gold, hq.id, "2026-10", 6, 1);
  await tickets(gold, depot.id, "2026-10", 0, 3);
  await db.insert(schema.alerts).values([
    alertRow(hq, {
      type: "FIRE_ALARM" as const,
      severity: "critical" as const,
      firstSeenAt: new Date("2026-10-03T10:00:00Z"),
      acknowledgedAt: new Date("2026-10-03T10:04:00Z"),
    }),
    alertRow(depot, {
      type: "GEOFENCE_VIOLATION" as const,
      severity: "medium" as const,
      firstSeenAt: new Date("2026-10-04T10:00:00Z"),
    }),
  ]);
});

describe("generating a scorecard", () => {
  it("computes each KPI from the month's records, with trend and driver", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const { scorecard, created } = await generateScorecard(
      ctx,
      { clientId: t.clients.gold.id, month: "2026-10" },
      NOW,
    );
    expect(created).toBe(true);
    expect(scorecard.version).toBe(1);
    expect(kpi(scorecard, "sla_met_pct")).toMatchObject({
      value: 60,
      previous: 100,
      delta: -40,
      direction: "down",
      good: false,
      rag: "red",
      inputs: { met: 6, total: 10, breached: 4 },
      driver: { label: "Gold Depot", count: 3, of: 4, what: "breaches" },
    });
    expect(kpi(scorecard, "critical_security_events")).toMatchObject({ value: 1, rag: "amber" });
    expect(kpi(scorecard, "incident_response_minutes")).toMatchObject({ value: 4 });
    expect(kpi(scorecard, "geofence_violations")).toMatchObject({ value: 1 });
    expect(kpi(scorecard, "attendance_pct")).toMatchObject({
      status: "not_tracked",
      value: null,
      rag: "none",
    });
    expect(kpi(scorecard, "device_uptime_pct")).toMatchObject({ value: null });
    expect(scorecard.summary[0]).toContain("Gold Depot (3 of 4)");
    expect(scorecard.overallRag).toBe("red");
    expect(scorecard.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("re-running without regenerate changes nothing", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const input = { clientId: t.clients.gold.id, month: "2026-10" };
    const first = await generateScorecard(ctx, input, NOW);
    await tickets(t.clients.gold.id, t.sites[0]?.id ?? "", "2026-10", 5, 0);
    const again = await generateScorecard(ctx, input, new Date(NOW.getTime() + H));
    expect(again.created).toBe(false);
    expect(again.scorecard).toEqual(first.scorecard);
  });

  it("regenerating keeps the old version, audits, and picks up corrected data", async () => {
    const ctx = await ctxFor(t.users.admin);
    const before = await generateScorecard(
      ctx,
      { clientId: t.clients.gold.id, month: "2026-10" },
      NOW,
    );
    const later = new Date(NOW.getTime() + 2 * H);
    const { scorecard } = await generateScorecard(
      ctx,
      { clientId: t.clients.gold.id, month: "2026-10", regenerate: true },
      later,
    );
    expect(scorecard.version).toBe(before.scorecard.version + 1);
    expect(scorecard.contentHash).not.toBe(before.scorecard.contentHash);
    expect(kpi(scorecard, "sla_met_pct")).toMatchObject({ value: 73.3 });
    const versions = await db
      .select()
      .from(schema.scorecards)
      .where(eq(schema.scorecards.clientId, t.clients.gold.id));
    const old = versions.find((v) => v.id === before.scorecard.id);
    expect(old?.supersededAt?.toISOString()).toBe(later.toISOString());
    expect(old?.contentHash).toBe(before.scorecard.contentHash);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.tenantId, t.tenant.id), eq(schema.auditLog.entityId, scorecard.id)),
      );
    expect(audit).toMatchObject([
      { action: "scorecard.regenerate", actorId: t.users.admin.id, before: { version: 1 } },
    ]);
  });

  it("two concurrent runs store exactly one snapshot", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const input = { clientId: t.clients.bronze.id, month: "2026-09" };
    const runs = await Promise.all([
      generateScorecard(ctx, input, NOW),
      generateScorecard(ctx, input, NOW),
      generateMonthForTenant(ctx, "2026-09", NOW),
    ]);
    const rows = await db
      .select()
      .from(schema.scorecards)
      .where(
        and(
          eq(schema.scorecards.clientId, t.clients.bronze.id),
          eq(schema.scorecards.month, "2026-09-01"),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(runs[0].scorecard.id).toBe(runs[1].scorecard.id);
  });

  it("the monthly run covers every active client once", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    expect(await generateMonthForTenant(ctx, "2026-08", NOW)).toEqual({ created: 2, existing: 0 });
    expect(await generateMonthForTenant(ctx, "2026-08", NOW)).toEqual({ created: 0, existing: 2 });
  });
});

describe("bad input and access", () => {
  const input = () => ({ clientId: t.clients.gold.id, month: "2026-07" });
  it("rejects the current month, future months and months before the client existed", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const gen = (month: string) => generateScorecard(ctx, { ...input(), month }, NOW);
    await expect(gen("2026-11")).rejects.toThrow(/not over yet/);
    await expect(gen("2027-02")).rejects.toThrow(/not over yet/);
    await expect(gen("2026-05")).rejects.toThrow(/was not a client yet in 2026-05/);
    await expect(gen("2026-13")).rejects.toThrow(/YYYY-MM/);
  });
  it("executives and operators may not generate; other tenants do not see the client", async () => {
    await expect(
      generateScorecard(await ctxFor(t.users.executive), input(), NOW),
    ).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(
      generateScorecard(await ctxFor(t.users.noc_operator), input(), NOW),
    ).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(
      generateScorecard(await ctxFor(other.users.admin), input(), NOW),
    ).rejects.toMatchObject({
      kind: "not_found",
    });
  });
});
