import { and, eq } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { rollUpTenant } from "./rollup";

const NOW = new Date("2026-11-18T10:05:00Z");
const HOUR = new Date("2026-11-18T08:00:00Z");

describe("hourly rollups", () => {
  it("roll each finished hour once, and again when a late reading lands in it", async () => {
    const t = await createTestTenant("dev-rollup");
    const d = await createTestDevice(t, { site: 0, kind: "sensor" });
    await sendReadings(t.tenant.id, d, {
      from: HOUR,
      to: new Date(HOUR.getTime() + 3_600_000),
      now: NOW,
      stepMin: 10,
      at: (i) => ({ battery: 80 - i, signal: -70, temperature: 61, online: i !== 5 }),
    });
    const first = await rollUpTenant(jobContext(t.tenant.id, "test"), NOW);
    expect(first.hours).toBe(24);
    const rollup = async () =>
      (
        await db
          .select()
          .from(schema.telemetryHourly)
          .where(
            and(eq(schema.telemetryHourly.deviceId, d.id), eq(schema.telemetryHourly.hour, HOUR)),
          )
      )[0];
    // six readings, five online (a sensor reports every 10 min: five sixths of the hour), all
    // above its 60 °C range
    expect(await rollup()).toMatchObject({
      tenantId: t.tenant.id,
      n: 6,
      onlineN: 5,
      batteryN: 6,
      batterySum: 465,
      batteryMin: 75,
      tempOut: 6,
    });
    expect((await rollup())?.up).toBeCloseTo(5 / 6, 5);
    expect((await rollUpTenant(jobContext(t.tenant.id, "test"), NOW)).hours).toBe(0);

    // a reading for 08:55 arrives at 10:05, after the hour was rolled up
    await sendReadings(t.tenant.id, d, {
      from: new Date(HOUR.getTime() + 55 * 60_000),
      to: new Date(HOUR.getTime() + 56 * 60_000),
      now: NOW,
      at: () => ({ battery: 10 }),
    });
    expect((await rollUpTenant(jobContext(t.tenant.id, "test"), NOW)).hours).toBe(1);
    expect(await rollup()).toMatchObject({ n: 7, batteryN: 7, batteryMin: 10 });
  });
});
