import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { jobContext } from "@/server/services/_core/system";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { rollUpTenant } from "./rollup";
import { deviceWindowsQuery } from "./run";
import { sumsOf, windowSumColumns } from "./window";

const NOW = new Date("2026-11-20T10:25:00Z");
const H = 3_600_000;

/**
 * The hourly run reads its window through a table of the window's hours (windowHours), the
 * training through windowSumColumns' per-row arithmetic: both must give the same sums, for a
 * window ending on the hour (the run) or between hours (the backfill), with hours skipped.
 */
describe("a device's 24 h window sums", () => {
  it("are the same read through the hour table as through the per-row arithmetic", async () => {
    const t = await createTestTenant("dev-window");
    const sensor = await createTestDevice(t, { site: 0, kind: "sensor" });
    const camera = await createTestDevice(t, { site: 0, kind: "camera" });
    const quiet = await createTestDevice(t, { site: 1, kind: "panic_button" });
    const from = new Date(NOW.getTime() - 26 * H);
    await sendReadings(t.tenant.id, sensor, {
      from,
      to: NOW,
      now: NOW,
      stepMin: 10,
      at: (i) => ({
        battery: 90 - i * 0.3,
        signal: -70 - (i % 7) * 2,
        temperature: i % 40 === 0 ? 75 : 22,
        reboots: Math.floor(i / 50),
        online: i % 13 !== 0,
      }),
    });
    await sendReadings(t.tenant.id, camera, {
      from: new Date(NOW.getTime() - 5 * H),
      to: NOW,
      now: NOW,
      at: (i) => ({ battery: null, signal: -60 - i, temperature: 30, reboots: i > 40 ? 2 : 1 }),
    });
    await rollUpTenant(jobContext(t.tenant.id, "test"), NOW, { hours: 26 });

    const byPerRow = async (to: Date, skip: Date[]) => {
      const end = sql`${to.toISOString()}::timestamptz`;
      const rows = await rawRows<Record<string, unknown> & { deviceId: string }>(
        db,
        sql`
        select h.device_id as "deviceId", ${windowSumColumns(end)}
        from telemetry_hourly h
        where h.tenant_id = ${t.tenant.id} and h.hour >= ${end} - interval '24 hours'
          and h.hour < ${end}
          ${skip.length ? sql`and h.hour <> all(${`{${skip.map((d) => d.toISOString()).join(",")}}`}::timestamptz[])` : sql``}
        group by h.device_id`,
      );
      return new Map(rows.map((r) => [r.deviceId, sumsOf(r)]));
    };
    const byHourTable = async (to: Date, skip: Date[]) => {
      const rows = await rawRows<Record<string, unknown> & { id: string; up24: unknown }>(
        db,
        deviceWindowsQuery(t.tenant.id, to, skip),
      );
      return new Map(rows.filter((r) => r.up24 !== null).map((r) => [r.id, sumsOf(r)]));
    };
    const onTheHour = new Date(Math.floor(NOW.getTime() / H) * H);
    for (const [to, skip] of [
      [onTheHour, []],
      [onTheHour, [new Date(onTheHour.getTime() - H)]],
      [NOW, []],
      [new Date(NOW.getTime() - 3 * H), [new Date(onTheHour.getTime() - 6 * H)]],
    ] as const) {
      const expected = await byPerRow(to, [...skip]);
      const actual = await byHourTable(to, [...skip]);
      expect([...actual.keys()].sort()).toEqual([sensor.id, camera.id].sort());
      expect(actual.has(quiet.id)).toBe(false);
      for (const [id, sums] of expected) {
        const got = actual.get(id);
        for (const [k, v] of Object.entries(sums)) {
          const what = `${k} of ${id} to ${to.toISOString()}`;
          const value = got?.[k as keyof typeof sums];
          if (v === null) expect(value, what).toBeNull();
          // up is real: its sums are float4, rounded differently in another summing order
          else expect(value, what).toBeCloseTo(v, k === "up24" || k === "up6" ? 4 : 9);
        }
      }
      // the last hour's reboots and the recent uptime come from the flags
      expect(actual.get(camera.id)?.up6).toBeGreaterThan(0);
    }
  });
});
