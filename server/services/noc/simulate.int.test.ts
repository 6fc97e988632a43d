import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { alertRow, createTestTenant } from "@/server/test/factories";
import { simulateAlertTick } from "./simulate";
import { DEMO_OPEN_TARGET } from "./simulate-pace";
import { jobContext } from "@/server/services/_core/system";

const now = new Date("2026-12-02T17:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("demo simulator", () => {
  it("raises alerts at the tenant's sites and nowhere else", async () => {
    const t = await createTestTenant("sim");
    for (let i = 0; i < 5; i++)
      expect(await simulateAlertTick(jobContext(t.tenant.id, "demo-simulator"), now)).toMatch(
        /^(new|repeat) [A-Z_]+ at /,
      );
    const rows = await db
      .select()
      .from(schema.alerts)
      .where(eq(schema.alerts.tenantId, t.tenant.id));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => t.sites.some((s) => s.id === r.siteId) && r.source === "system")).toBe(
      true,
    );
  });

  it("keeps the open queue from growing: over the target the oldest clear, young ones stay", async () => {
    const t = await createTestTenant("sim-pace");
    const site = t.sites[0];
    if (!site) throw new Error("site");
    const over = DEMO_OPEN_TARGET + 15;
    await db.insert(schema.alerts).values([
      // the oldest: a fire alarm an hour old (people close those, never "auto") and a camera
      alertRow(site, {
        type: "FIRE_ALARM" as const,
        firstSeenAt: minutesAgo(60),
        lastSeenAt: minutesAgo(60),
      }),
      alertRow(site, {
        type: "DEVICE_OFFLINE" as const,
        firstSeenAt: minutesAgo(50),
        lastSeenAt: minutesAgo(50),
      }),
      // the rest arrived a minute ago: too young to clear
      ...Array.from({ length: over - 2 }, () =>
        alertRow(site, { firstSeenAt: minutesAgo(1), lastSeenAt: minutesAgo(1) }),
      ),
    ]);
    const open = async () =>
      (
        await db
          .select({ type: schema.alerts.type })
          .from(schema.alerts)
          .where(and(eq(schema.alerts.tenantId, t.tenant.id), ne(schema.alerts.status, "resolved")))
      ).length;
    // a draw that always asks for a new, non-repeat alert
    await simulateAlertTick(jobContext(t.tenant.id, "demo-simulator"), now, () => 0.5);
    expect(await open()).toBe(over + 1 - 2);
    const resolved = await db
      .select({ type: schema.alerts.type, resolution: schema.alerts.resolution })
      .from(schema.alerts)
      .where(and(eq(schema.alerts.tenantId, t.tenant.id), eq(schema.alerts.status, "resolved")));
    expect(resolved).toEqual(
      expect.arrayContaining([
        { type: "FIRE_ALARM", resolution: "manual" },
        { type: "DEVICE_OFFLINE", resolution: "auto" },
      ]),
    );
    // nothing old is left, so the next tick clears nothing however full the queue is
    await simulateAlertTick(
      jobContext(t.tenant.id, "demo-simulator"),
      new Date(now.getTime() + 8000),
      () => 0.5,
    );
    expect(await open()).toBe(over);
  });
});
