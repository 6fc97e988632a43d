import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { simulateTicketTick } from "./simulate";
import { jobContext } from "@/server/services/_core/system";

describe("ticket simulator", () => {
  it("opens and moves tickets of the tenant, with their clocks, and nothing elsewhere", async () => {
    const t = await createTestTenant("sim-tix");
    const said: string[] = [];
    const start = new Date("2026-11-04T15:00:00Z").getTime();
    for (let i = 0; i < 25; i++)
      said.push(
        await simulateTicketTick(
          jobContext(t.tenant.id, "demo-simulator"),
          new Date(start + i * 60_000),
        ),
      );
    expect(said.some((s) => s.startsWith("opened #"))).toBe(true);
    const rows = await db
      .select()
      .from(schema.tickets)
      .where(eq(schema.tickets.tenantId, t.tenant.id));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) {
      expect(t.sites.some((s) => s.id === r.siteId)).toBe(true);
      expect(r.resolutionDueAt).not.toBeNull();
    }
  });
});
