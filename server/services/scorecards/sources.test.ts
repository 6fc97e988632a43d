import { describe, expect, it } from "vitest";
import { KPI_KEYS } from "@/lib/scorecards";
import { devicesSource } from "./devices-source";
import { placeholder } from "./source-kit";
import { SOURCES } from "./sources";

describe("KPI sources", () => {
  it("answer every KPI exactly once", () => {
    const keys = SOURCES.flatMap((s) => s.keys);
    expect([...keys].sort()).toEqual([...KPI_KEYS].sort());
  });
  it("modules not built yet read 'not tracked' for every client, without a number", async () => {
    const devices = placeholder("devices", ["device_uptime_pct"], "no device telemetry recorded");
    const input = { tenantId: "t", clientIds: ["a", "b"], start: "", end: "" };
    // placeholders never touch the database
    const m = await devices.measure(null as never, input);
    expect(m?.get("b")?.device_uptime_pct).toEqual({
      status: "not_tracked",
      note: "not tracked (no device telemetry recorded)",
    });
  });
  it("shifts and tours are measured from their tables, not a placeholder", () => {
    expect(SOURCES.find((s) => s.id === "shifts")?.keys).toEqual([
      "attendance_pct",
      "tour_coverage_pct",
    ]);
  });
  it("device uptime is measured from the devices tables, not a placeholder", () => {
    expect(SOURCES.find((s) => s.id === "devices")?.keys).toEqual(["device_uptime_pct"]);
    expect(SOURCES.find((s) => s.id === "devices")).toBe(devicesSource);
  });
});
