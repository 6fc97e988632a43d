import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { simulateAlertTick } from "./simulate";
import { jobContext } from "@/server/services/_core/system";

describe("demo simulator", () => {
  it("raises alerts at the tenant's sites and nowhere else", async () => {
    const t = await createTestTenant("sim");
    for (let i = 0; i < 5; i++)
      expect(
        await simulateAlertTick(
          jobContext(t.tenant.id, "demo-simulator"),
          new Date("2026-12-02T17:00:00Z"),
        ),
      ).toMatch(/^(new|repeat) [A-Z_]+ at /);
    const rows = await db
      .select()
      .from(schema.alerts)
      .where(eq(schema.alerts.tenantId, t.tenant.id));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => t.sites.some((s) => s.id === r.siteId) && r.source === "system")).toBe(
      true,
    );
  });
});
