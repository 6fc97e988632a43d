import { rawRows } from "@/server/db/raw";
import { inArray, sql } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { planDemoDevices } from "./demo-plan";
import { simulateTelemetryTick } from "./simulate";

describe("the demo simulator's telemetry", () => {
  it("posts a reading for each demo device that is due, at the tenant's devices only", async () => {
    const t = await createTestTenant("dev-sim");
    const plan = planDemoDevices(
      "NW",
      t.sites.map((s) => s.name),
      true,
    );
    const rows = await db
      .insert(schema.devices)
      .values(
        plan.map((p) => {
          const site = t.sites.find((s) => s.name === p.siteName);
          return {
            tenantId: t.tenant.id,
            clientId: site?.clientId ?? "",
            siteId: site?.id ?? "",
            kind: p.kind,
            name: p.name,
            serial: p.serial,
          };
        }),
      )
      .returning({ id: schema.devices.id });
    const now = new Date();
    const { accepted } = await simulateTelemetryTick(jobContext(t.tenant.id, "test"), now);
    expect(accepted).toBe(plan.length);
    // none due a minute later: each waits for its kind's heartbeat
    expect(
      (
        await simulateTelemetryTick(
          jobContext(t.tenant.id, "test"),
          new Date(now.getTime() + 60_000),
        )
      ).accepted,
    ).toBe(0);
    const [stored] = await rawRows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from telemetry
      where device_id in (select id from devices where tenant_id = ${t.tenant.id})`,
    );
    expect(stored?.n).toBe(plan.length);
    const seen = await db
      .select({ online: schema.devices.online })
      .from(schema.devices)
      .where(
        inArray(
          schema.devices.id,
          rows.map((r) => r.id),
        ),
      );
    expect(seen.every((d) => d.online)).toBe(true);
  });
});
