import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { vendorTrend } from "./trend";
import { createVendor } from "./vendors";

let t: TestTenant;
let other: TestTenant;
let patchy: string;
let steady: string;
const NOW = new Date("2025-06-15T12:00:00Z");
const H = 3_600_000;

type Job = {
  vendorId: string;
  clientId: string;
  /** completion time; the job started `actual` hours before */
  completed: string;
  actual: number;
  late: boolean;
  rating: number;
  rework?: boolean;
};

async function insertJobs(jobs: Job[]) {
  await db.insert(schema.workOrders).values(
    jobs.map((j, i) => {
      const completedAt = new Date(j.completed);
      return {
        tenantId: t.tenant.id,
        clientId: j.clientId,
        siteId: (j.clientId === t.clients.gold.id ? t.sites[0]?.id : t.sites[2]?.id) ?? "",
        vendorId: j.vendorId,
        title: `job ${i}`,
        category: "hvac",
        status: "verified" as const,
        estimateHours: 2,
        startedAt: new Date(completedAt.getTime() - j.actual * H),
        completedAt,
        dueAt: new Date(completedAt.getTime() + (j.late ? -1 : 1) * H),
        verifiedAt: completedAt,
        rating: j.rating,
        rework: j.rework ?? false,
      };
    }),
  );
}

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("trend"), createTestTenant("trend-other")]);
  const ctx = await ctxFor(t.users.supervisor);
  const v = (name: string) =>
    createVendor(ctx, { name, trades: ["hvac"], contactName: "", email: "x@x.test", phone: "" });
  patchy = (await v("Patchy Air")).id;
  steady = (await v("Steady Air")).id;
  const gold = t.clients.gold.id;
  await insertJobs([
    // May: Patchy has one clean job and one late, slow (4 h of 2), poorly rated rework
    {
      vendorId: patchy,
      clientId: gold,
      completed: "2025-05-10T12:00:00Z",
      actual: 2,
      late: false,
      rating: 5,
    },
    {
      vendorId: patchy,
      clientId: gold,
      completed: "2025-05-20T12:00:00Z",
      actual: 4,
      late: true,
      rating: 3,
      rework: true,
    },
    // a bronze client's disaster does not count (vendor performance is silver and up)
    {
      vendorId: patchy,
      clientId: t.clients.bronze.id,
      completed: "2025-05-21T12:00:00Z",
      actual: 9,
      late: true,
      rating: 1,
      rework: true,
    },
    // Steady: two clean jobs in May, one in April
    {
      vendorId: steady,
      clientId: gold,
      completed: "2025-05-11T12:00:00Z",
      actual: 1,
      late: false,
      rating: 5,
    },
    {
      vendorId: steady,
      clientId: gold,
      completed: "2025-05-31T23:30:00Z",
      actual: 2,
      late: false,
      rating: 5,
    },
    {
      vendorId: steady,
      clientId: gold,
      completed: "2025-04-02T08:00:00Z",
      actual: 2,
      late: false,
      rating: 5,
    },
    // after "now": not yet in the trend
    {
      vendorId: patchy,
      clientId: gold,
      completed: "2025-06-20T12:00:00Z",
      actual: 2,
      late: true,
      rating: 1,
    },
  ]);
});

describe("vendor trend", () => {
  it("scores each month like the rankings, shrunk toward that month's tenant mean", async () => {
    const ctx = await ctxFor(t.users.supervisor);
    const trend = await vendorTrend(ctx, { vendorId: patchy, months: 3 }, NOW);
    expect(trend.name).toBe("Patchy Air");
    expect(trend.months.map((m) => m.month)).toEqual(["2025-04", "2025-05", "2025-06"]);
    const [april, may, june] = trend.months;
    expect(april?.orders).toBe(0);
    expect(april?.score).toBeNull();
    // Steady's April job still makes a tenant average for the month
    expect(april?.tenantOverall).toBe(100);
    expect(june?.orders).toBe(0);
    expect(june?.tenantOverall).toBeNull();

    // May by hand. Patchy's own: SLA 1/2 = 50, time (100 + 2/4·100)/2 = 75,
    // quality mean 4 → 75, rework 1 of 2 → 50; overall .4·50 + .3·75 + .2·75 + .1·50 = 62.5.
    // Tenant pooled (4 silver+ jobs): SLA 75, time 87.5, quality 4.5 → 87.5, rework 75 → 81.25.
    // Shrunk with 2 orders and k = 5: (2·v + 5·m) / 7.
    expect(may?.orders).toBe(2);
    const s = may?.score;
    expect(s?.raw).toEqual({ sla: 50, time: 75, quality: 75, rework: 50 });
    expect(s?.rawOverall).toBe(62.5);
    expect(s?.components).toEqual({
      sla: 67.9, // 475 / 7
      time: 83.9, // 587.5 / 7
      quality: 83.9,
      rework: 67.9,
    });
    expect(s?.overall).toBe(75.9); // (67.857 + 83.929) / 2
    expect(s?.uncertainty).toBe(37); // 1.96 · 50 / √7
    expect(s?.unreliable).toBe(true);
    expect(may?.tenantOverall).toBeCloseTo(81.3, 1);
  });

  it("defaults to six months ending with the current one", async () => {
    const ctx = await ctxFor(t.users.supervisor);
    const trend = await vendorTrend(ctx, { vendorId: steady }, NOW);
    expect(trend.months.map((m) => m.month)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
    ]);
    expect(trend.months.map((m) => m.orders)).toEqual([0, 0, 0, 1, 2, 0]);
  });

  it("counts a job once now has passed its completion, and the months move with now", async () => {
    const ctx = await ctxFor(t.users.supervisor);
    const before = await vendorTrend(ctx, { vendorId: patchy, months: 2 }, NOW);
    expect(before.months.map((m) => [m.month, m.orders])).toEqual([
      ["2025-05", 2],
      ["2025-06", 0],
    ]);
    const after = await vendorTrend(
      ctx,
      { vendorId: patchy, months: 2 },
      new Date("2025-07-01T00:00:00Z"),
    );
    expect(after.months.map((m) => [m.month, m.orders])).toEqual([
      ["2025-06", 1],
      ["2025-07", 0],
    ]);
  });

  it("gives another tenant nothing, and only viewers of vendor performance may ask", async () => {
    await expect(
      vendorTrend(await ctxFor(other.users.supervisor), { vendorId: patchy }, NOW),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(callerFor(other.users.admin).vendor.trend({ vendorId: patchy })).rejects.toSatisfy(
      (e) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
    const exec = await callerFor(t.users.executive).vendor.trend({ vendorId: patchy });
    expect(exec.months).toHaveLength(6);
    for (const role of ["noc_operator", "specialist"] as const)
      await expect(callerFor(t.users[role]).vendor.trend({ vendorId: patchy })).rejects.toSatisfy(
        (e) => e instanceof TRPCError && e.code === "FORBIDDEN",
      );
  });
});
