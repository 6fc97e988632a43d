import { describe, expect, it } from "vitest";
import {
  componentRows,
  dayTicks,
  valueDomain,
  healthTone,
  histogramData,
  histogramSummary,
  metricData,
  metricSummary,
  percentText,
  scoreTrendData,
  scoreTrendSummary,
  sparklineData,
  sparklineSummary,
  type SeriesPoint,
} from "./device-data";

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 0);

const point = (h: number, battery: number | null, extra: Partial<SeriesPoint> = {}) => ({
  hour: new Date(T0 + h * H),
  battery,
  batteryMin: battery === null ? null : battery - 1,
  signal: -70,
  signalMin: -75,
  temperature: 24,
  temperatureMax: 26,
  uptime: 1,
  readings: 6,
  ...extra,
});

describe("device page mappers", () => {
  it("tones scores by band and writes chances as percentages", () => {
    expect(healthTone(80)).toBe("green");
    expect(healthTone(79)).toBe("amber");
    expect(healthTone(50)).toBe("amber");
    expect(healthTone(49)).toBe("red");
    expect(healthTone(null)).toBe("slate");
    expect(percentText(0.736)).toBe("74%");
    expect(percentText(null)).toBe("—");
  });

  it("shares a missing component's weight among the others, as the score does", () => {
    const battery = componentRows({ battery: 6, signal: 71, uptime: 100, temperature: 100 });
    expect(battery.map((r) => [r.key, r.weight, r.tone])).toEqual([
      ["battery", 40, "red"],
      ["signal", 30, "amber"],
      ["uptime", 20, "green"],
      ["temperature", 10, "green"],
    ]);
    const mains = componentRows({ battery: null, signal: 17, uptime: 94, temperature: 100 });
    expect(mains.map((r) => r.weight)).toEqual([0, 50, 33, 17]);
    expect(mains[0]).toMatchObject({ label: "Battery", value: null, tone: "slate" });
    expect(componentRows(null).every((r) => r.weight === 0 && r.value === null)).toBe(true);
  });

  it("colours the histogram's bands and sums it up in words", () => {
    const buckets = Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i === 9 ? 100 : i * 10 + 9,
      count: i === 4 ? 2 : i === 5 ? 3 : i === 9 ? 5 : 0,
    }));
    const data = histogramData(buckets);
    expect(data[4]).toMatchObject({ label: "40–49", count: 2, band: "poor", colour: "#dc2626" });
    expect(data[5]).toMatchObject({ label: "50–59", band: "fair" });
    expect(data[9]).toMatchObject({ label: "90–100", band: "healthy", count: 5 });
    expect(histogramSummary(buckets)).toBe("10 scored devices: 2 under 50, 5 at 80 or more.");
    expect(histogramSummary(buckets.map((b) => ({ ...b, count: 0 })))).toBe(
      "No device has a health score yet.",
    );
  });

  it("draws one point per hour and leaves hours without readings as gaps", () => {
    const series = [point(0, 40), point(1, 38), point(4, 30), point(3, 32)];
    const data = metricData(series, "battery");
    expect(data.map((p) => p.value)).toEqual([40, 38, null, 32, 30]);
    expect(data[2]).toMatchObject({ t: T0 + 2 * H, extreme: null, readings: 0 });
    expect(data[4]).toMatchObject({ extreme: 29 });
    expect(metricData(series, "temperature")[0]).toMatchObject({ value: 24, extreme: 26 });
    expect(metricData([], "signal")).toEqual([]);
  });

  it("says what a week of a signal did, or that there was none", () => {
    const week = [point(0, 45), point(24 * 7, 8, { batteryMin: 7.2 })];
    expect(metricSummary(week, "battery")).toBe("Battery from 45% to 8% over 7 days; lowest 7.2%.");
    expect(metricSummary(week, "temperature")).toBe(
      "Temperature from 24 °C to 24 °C over 7 days; highest 26 °C.",
    );
    expect(metricSummary([point(0, null)], "battery")).toBe(
      "No battery readings in the last 7 days.",
    );
  });

  it("maps score runs to the trend and sums the trend up", () => {
    const run = (h: number, score: number | null) => ({
      runAt: new Date(T0 + h * H),
      score,
      battery: 50,
      signal: 60,
      uptime: 100,
      temperature: null,
      probability: score === null ? null : 0.736,
      failureType: "battery",
    });
    expect(scoreTrendData([run(0, 88)])[0]).toEqual({
      t: T0,
      score: 88,
      battery: 50,
      signal: 60,
      uptime: 100,
      temperature: null,
      probability: 74,
    });
    expect(scoreTrendSummary([run(0, 88), run(6, null), run(48, 54)])).toBe(
      "Score from 88 to 54 over 2 days (2 runs).",
    );
    expect(scoreTrendSummary([run(0, 70)])).toBe("Scored 70 in the one run so far.");
    expect(scoreTrendSummary([])).toBe("No scoring runs in the last 7 days.");
  });

  it("orders the sparkline and names its first and last values", () => {
    const points = [
      { hour: new Date(T0 + H), value: 6 },
      { hour: new Date(T0), value: 31 },
      { hour: new Date(T0 + 2 * H), value: null },
    ];
    expect(sparklineData(points).map((p) => p.value)).toEqual([31, 6, null]);
    expect(sparklineSummary("battery", points)).toBe("Battery over 24 h: 31% → 6%.");
    expect(sparklineSummary("signal", [])).toBe("No signal readings in the last 24 h.");
  });

  it("ticks each local midnight of the site's zone, across a DST change", () => {
    // Chicago leaves daylight time on 1 Nov 2026: that day is 25 hours long
    const from = Date.UTC(2026, 9, 31, 12);
    const to = Date.UTC(2026, 10, 2, 12);
    expect(dayTicks(from, to, "America/Chicago").map((t) => new Date(t).toISOString())).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-02T06:00:00.000Z",
    ]);
    expect(dayTicks(Date.UTC(2026, 10, 2), Date.UTC(2026, 10, 2, 5), "UTC")).toEqual([
      Date.UTC(2026, 10, 2),
    ]);
  });

  it("gives the y-axis whole units and some room, battery always 0–100", () => {
    const pts = [
      { value: -71.3, extreme: -74.1 },
      { value: -70.3, extreme: null },
    ];
    expect(valueDomain(pts, "signal")).toEqual([-76, -69]);
    expect(valueDomain(pts, "battery")).toEqual([0, 100]);
    expect(valueDomain([], "temperature")).toEqual([0, 1]);
  });
});
