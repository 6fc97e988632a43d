import { and, eq, sql } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant } from "@/server/test/factories";
import { scoreTenantDevices } from "./run";
import { trainDeviceModel } from "./train";

const NOW = new Date("2026-11-25T12:00:00Z");

describe("training the device-failure model", () => {
  it("learns from the windows before recorded failures, and the run then predicts with it", async () => {
    const t = await createTestTenant("dev-train");
    const site = t.sites[0];
    if (!site) throw new Error("no site");
    const devices = await db
      .insert(schema.devices)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          tenantId: t.tenant.id,
          clientId: site.clientId,
          siteId: site.id,
          kind: "sensor" as const,
          name: `Sensor ${i}`,
          serial: `TR-${i}`,
          installedAt: new Date("2026-01-01T00:00:00Z"),
          lastSeenAt: NOW,
          online: true,
        })),
      )
      .returning({ id: schema.devices.id, serial: schema.devices.serial });
    // 30 days of hourly rollups: the first 25 sensors drain flat before failing, one at a
    // different hour each; the others hold their charge
    const failing = devices.slice(0, 25).map((d, i) => ({
      id: d.id,
      at: new Date(NOW.getTime() - (30 + i * 13) * 3_600_000 + 10 * 60_000),
    }));
    await db.execute(sql`
      with f as (select * from json_to_recordset(${JSON.stringify(failing)}::json) as f(id uuid, at timestamptz)),
      dv as (select d.id, f.at from devices d left join f on f.id = d.id where d.tenant_id = ${t.tenant.id})
      insert into telemetry_hourly (device_id, hour, tenant_id, n, online_n, up, battery_n, battery_sum,
        signal_n, signal_sum, signal_sumsq, temp_n, temp_sum, temp_min, temp_max, temp_out,
        reboots_min, reboots_max)
      select dv.id, h, ${t.tenant.id}, 6, 6, 1, 6,
        6 * (case when dv.at is not null and h > dv.at - interval '30 hours' and h <= dv.at
          then greatest(1, 40 - 1.3 * extract(epoch from h - (dv.at - interval '30 hours')) / 3600)
          else 88 end),
        6, -390, 6 * 4225, 6, 120, 19, 21, 0, 1, 1
      from dv, generate_series(${new Date(NOW.getTime() - 30 * 86_400_000).toISOString()}::timestamptz,
        ${new Date(NOW.getTime() - 3_600_000).toISOString()}::timestamptz, interval '1 hour') h`);
    await db.insert(schema.deviceFailures).values(
      failing.map((f) => ({
        tenantId: t.tenant.id,
        deviceId: f.id,
        type: "battery" as const,
        at: f.at,
      })),
    );

    const trained = await trainDeviceModel(jobContext(t.tenant.id, "test"), NOW);
    expect(trained).toMatchObject({ outcome: "trained", positives: 25, version: 1 });
    expect(trained.samples).toBeGreaterThanOrEqual(200);
    expect("auc" in trained && trained.auc).toBeGreaterThan(0.8);
    const [model] = await db
      .select()
      .from(schema.priorityModels)
      .where(
        and(
          eq(schema.priorityModels.tenantId, t.tenant.id),
          eq(schema.priorityModels.kind, "device"),
        ),
      );
    expect(model).toMatchObject({ usable: true, positives: 25 });

    // every finished hour is there already: the run reads them and predicts with the model
    await db.execute(sql`
      insert into telemetry_rollup_hours (tenant_id, hour)
      select ${t.tenant.id}, h from generate_series(${new Date(NOW.getTime() - 30 * 3_600_000).toISOString()}::timestamptz,
        ${new Date(NOW.getTime() - 3_600_000).toISOString()}::timestamptz, interval '1 hour') h`);
    const run = await scoreTenantDevices(jobContext(t.tenant.id, "test"), NOW);
    expect(run.scoredBy).toBe("model v1");
  });

  it("says so when there are too few failures to learn from", async () => {
    const t = await createTestTenant("dev-train-few");
    expect(await trainDeviceModel(jobContext(t.tenant.id, "test"), NOW)).toMatchObject({
      outcome: "too few labels",
      positives: 0,
    });
  });
});
