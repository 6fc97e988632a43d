import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { jobContext } from "../_core/system";
import { rollUpTenant } from "../devices/rollup";
import { devicesSource } from "./devices-source";
import { drillDown } from "./drill";
import { monthBounds } from "./kpis";

// the hourly run at 02:00 on 1 November rolls up 31 Oct 22:00 and 23:00, 1 Nov 00:00 and 01:00
const NOW = new Date("2026-11-01T02:00:00Z");
let t: TestTenant;
const ids: Record<"steady" | "flaky" | "late", string> = { steady: "", flaky: "", late: "" };

const measure = async (month: string) => {
  const { start, end } = monthBounds(month);
  const clientIds = [t.clients.gold.id, t.clients.bronze.id];
  return devicesSource.measure(db, { tenantId: t.tenant.id, clientIds, start, end });
};

beforeAll(async () => {
  t = await createTestTenant("score-devices");
  const tenantId = t.tenant.id;
  // sensors beat every 10 minutes: a reading every 10 minutes is a whole hour up
  const step = { stepMin: 10, now: NOW };
  const steady = await createTestDevice(t, { site: 0, name: "Steady sensor" });
  await sendReadings(tenantId, steady, {
    ...step,
    from: new Date("2026-10-31T22:00:00Z"),
    to: NOW,
    at: () => ({ online: true }),
  });
  // at the depot: offline through 23:00, silent through 00:00, back at 01:00
  const flaky = await createTestDevice(t, { site: 1, name: "Flaky sensor" });
  await sendReadings(tenantId, flaky, {
    ...step,
    from: new Date("2026-10-31T22:00:00Z"),
    to: new Date("2026-11-01T00:00:00Z"),
    at: (_i, ts) => ({ online: ts.getUTCHours() !== 23 }),
  });
  await sendReadings(tenantId, flaky, {
    ...step,
    from: new Date("2026-11-01T01:00:00Z"),
    to: NOW,
    at: () => ({ online: true }),
  });
  // installed at 23:30 on the month's last day: its first whole hour is November's
  const late = await createTestDevice(t, {
    site: 0,
    name: "Late sensor",
    installedAt: new Date("2026-10-31T23:30:00Z"),
  });
  await sendReadings(tenantId, late, {
    ...step,
    from: new Date("2026-10-31T23:30:00Z"),
    to: NOW,
    at: () => ({ online: true }),
  });
  Object.assign(ids, { steady: steady.id, flaky: flaky.id, late: late.id });
  await rollUpTenant(jobContext(tenantId, "test"), NOW, { hours: 4 });
}, 60_000);

describe("device uptime", () => {
  it("counts the month's rolled-up hours from each device's first whole hour, by UTC month", async () => {
    const oct = (await measure("2026-10")).get(t.clients.gold.id)?.device_uptime_pct;
    // steady 2 of 2 h, flaky 1 of 2 h; the late sensor's half hour is before its first whole hour
    expect(oct).toEqual({
      status: "ok",
      value: 75,
      inputs: { devices: 2, lostHours: 1, met: 3, total: 4 },
      driver: { label: "Gold Depot", count: 1, of: 1, what: "device-hours offline" },
    });
    const nov = (await measure("2026-11")).get(t.clients.gold.id)?.device_uptime_pct;
    // a silent hour counts as down: steady 2, flaky 1, late 2 of 6 h
    expect(nov).toMatchObject({
      status: "ok",
      value: 83.3,
      inputs: { devices: 3, lostHours: 1, met: 5, total: 6 },
    });
  });

  it("a client without devices is not tracked; a month nobody measured has no data", async () => {
    const oct = await measure("2026-10");
    expect(oct.get(t.clients.bronze.id)?.device_uptime_pct).toEqual({
      status: "not_tracked",
      note: "not tracked (no devices)",
    });
    const sep = await measure("2026-09");
    expect(sep.get(t.clients.gold.id)?.device_uptime_pct).toMatchObject({
      status: "no_data",
      note: "no device telemetry rolled up this month",
    });
  });

  it("drills down to the devices behind it, worst first, with the same hours", async () => {
    const ctx = await ctxFor(t.users.admin);
    const nov = await drillDown(ctx, {
      clientId: t.clients.gold.id,
      month: "2026-11",
      kpi: "device_uptime_pct",
    });
    expect(nov.records).toBe("devices");
    expect(nov.rows.map((r) => [r.id, r.site, r.detail, r.flagged])).toEqual([
      [ids.flaky, "Gold Depot", "50.0 % up · 1.0 of 2 h offline", true],
      [ids.late, "Gold HQ", "100.0 % up · 0.0 of 2 h offline", false],
      [ids.steady, "Gold HQ", "100.0 % up · 0.0 of 2 h offline", false],
    ]);
    const oct = await drillDown(ctx, {
      clientId: t.clients.gold.id,
      month: "2026-10",
      kpi: "device_uptime_pct",
    });
    // the late sensor had no whole hour in October
    expect(oct.rows.map((r) => r.id)).toEqual([ids.flaky, ids.steady]);
    const bronze = await drillDown(ctx, {
      clientId: t.clients.bronze.id,
      month: "2026-10",
      kpi: "device_uptime_pct",
    });
    expect(bronze.rows).toEqual([]);
  });
});
