import { rawRows } from "@/server/db/raw";
import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runRequestedEvent } from "@/server/events/catalog";
import { db, schema } from "@/server/db";
import { ensurePartitions } from "@/server/services/devices/partitions";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { deviceHealthFn, deviceHealthTenantFn } from "./device-health";
import { deviceMaintenanceFn } from "./device-maintenance";

const NOW = new Date("2026-11-20T09:05:00Z");

type Sent = { id: string; name: string; data: { tenantId: string; at: string } };
const callsOf = (fn: unknown) => (fn as { mock: { calls: unknown[][] } }).mock.calls;

describe("the hourly device functions", () => {
  it("fan out one run per tenant, and each tenant's run scores its devices", async () => {
    const t = await createTestTenant("dev-fn");
    const d = await createTestDevice(t, { site: 0, kind: "sensor" });
    await sendReadings(t.tenant.id, d, {
      from: new Date(NOW.getTime() - 6 * 3_600_000),
      to: NOW,
      now: NOW,
      stepMin: 10,
      at: () => ({ battery: 90, signal: -60, temperature: 20 }),
    });
    const { ctx, error } = await new InngestTestEngine({
      function: deviceHealthFn,
      events: [{ name: runRequestedEvent("device-health"), data: {} }],
      steps: [
        { id: "now", handler: () => NOW.toISOString() },
        { id: "list-tenants", handler: () => [t.tenant.id] },
        // no Inngest here to send to: the send is recorded, not made
        { id: "fan-out", handler: () => ({ ids: [] }) },
      ],
    }).execute();
    expect(error).toBeUndefined();
    const sent = callsOf(ctx.step.sendEvent).flatMap(([, events]) => events as Sent[]);
    expect(sent).toEqual([
      {
        id: `device-health:${t.tenant.id}:${NOW.toISOString()}`,
        name: "devices/health.requested",
        data: { tenantId: t.tenant.id, at: NOW.toISOString() },
      },
    ]);

    const run = await new InngestTestEngine({
      function: deviceHealthTenantFn,
      events: [{ name: "devices/health.requested", data: sent[0]?.data ?? {} }],
    }).execute();
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ predicted: 1, scored: 1, scoredBy: "rules" });
    const [health] = await db
      .select()
      .from(schema.deviceHealth)
      .where(eq(schema.deviceHealth.deviceId, d.id));
    expect(health).toMatchObject({ scoredAt: NOW, score: expect.any(Number) });
  });
});

describe("the daily upkeep", () => {
  it("drops raw readings whole days after 30 days and makes the days ahead", async () => {
    // an instant long before every other test's data, so that nothing of theirs is dropped
    const now = new Date("2026-01-10T03:15:00Z");
    await ensurePartitions(db, new Date("2025-11-01T00:00:00Z"), new Date("2025-11-01T00:00:00Z"));
    await db.execute(
      sql`insert into telemetry (device_id, ts) values (gen_random_uuid(), '2025-11-01T12:00:00Z')`,
    );
    const { result, error } = await new InngestTestEngine({
      function: deviceMaintenanceFn,
      events: [{ name: runRequestedEvent("device-maintenance"), data: {} }],
      steps: [
        { id: "now", handler: () => now.toISOString() },
        { id: "list-tenants", handler: () => [] },
      ],
    }).execute();
    expect(error).toBeUndefined();
    expect((result as { partitionsDropped: string[] }).partitionsDropped).toContain(
      "telemetry_p20251101",
    );
    const [row] = await rawRows<{ gone: string | null; ahead: string | null }>(
      db,
      sql`
      select to_regclass('telemetry_p20251101')::text as gone,
        to_regclass('telemetry_p20260113')::text as ahead`,
    );
    expect(row).toEqual({ gone: null, ahead: "telemetry_p20260113" });
  });
});
