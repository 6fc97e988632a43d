import { describe, expect, it } from "vitest";
import { uptimeMeasure } from "./devices-source";

const site = (label: string, devices: number, expected: number, up: number) => ({
  label,
  devices,
  expected,
  up,
});

describe("device uptime", () => {
  it("is hours online over hours expected across the sites, driven by the site that lost most", () => {
    const m = uptimeMeasure([site("HQ", 2, 1440, 1438.5), site("Depot", 1, 720, 600.25)], true);
    expect(m).toEqual({
      status: "ok",
      value: 94.4,
      inputs: { devices: 3, lostHours: 121.3, met: 2038.8, total: 2160 },
      driver: { label: "Depot", count: 119.8, of: 121.3, what: "device-hours offline" },
    });
  });

  it("a client without devices is not tracked; a month with no rolled-up hour has no data", () => {
    expect(uptimeMeasure([], false)).toEqual({
      status: "not_tracked",
      note: "not tracked (no devices)",
    });
    expect(uptimeMeasure([site("HQ", 4, 0, 0)], true)).toMatchObject({
      status: "no_data",
      note: "no device telemetry rolled up this month",
    });
  });

  it("states the hours lost to one decimal, the driver's share of them too", () => {
    const m = uptimeMeasure(
      [site("A", 1, 10, 9.96), site("B", 1, 10, 9.96), site("C", 1, 10, 8.7)],
      true,
    );
    expect(m).toMatchObject({
      inputs: { lostHours: 1.4, met: 28.6 },
      driver: { label: "C", count: 1.3, of: 1.4 },
    });
  });

  it("never exceeds 100 % and names no driver when nothing was lost", () => {
    expect(uptimeMeasure([site("HQ", 1, 24, 24.0001)], true)).toMatchObject({
      value: 100,
      driver: null,
      inputs: { lostHours: 0, met: 24, total: 24 },
    });
  });
});
