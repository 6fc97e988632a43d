import { describe, expect, it } from "vitest";
import { healthyWindow } from "@/server/test/device-window";
import {
  batteryChance,
  connectivityChance,
  deviceChance,
  deviceFeatures,
  predictFailure,
} from "./predict-rules";

describe("the battery rule", () => {
  it("projected below 5 % within the hour is near certain", () => {
    const c = batteryChance(healthyWindow({ lastBattery: 6, batterySlope: -1.5 }));
    expect(c.p).toBe(0.95);
    expect(c.reasons[0]?.label).toMatch(/projected 4.5 % within the hour/);
  });
  it("under 15 % and draining raises an alert (≥ 0.6), more the lower it is", () => {
    const at14 = batteryChance(healthyWindow({ lastBattery: 14, batterySlope: -0.5 })).p;
    const at8 = batteryChance(healthyWindow({ lastBattery: 8, batterySlope: -0.5 })).p;
    expect(at14).toBeGreaterThanOrEqual(0.6);
    expect(at8).toBeGreaterThan(at14);
  });
  it("under 15 % but not draining (charging, or steady) does not", () => {
    expect(batteryChance(healthyWindow({ lastBattery: 12, batterySlope: 0.3 })).p).toBeLessThan(
      0.6,
    );
  });
  it("never applies to mains-powered kinds", () => {
    expect(batteryChance(healthyWindow({ kind: "fire_panel", lastBattery: 2 })).p).toBe(0.01);
  });
});

describe("the connectivity rule", () => {
  it("one sign alone stays under the alert bar", () => {
    expect(connectivityChance(healthyWindow({ signalAvg: -98 })).p).toBeLessThan(0.6);
    expect(connectivityChance(healthyWindow({ signalSd: 9 })).p).toBeLessThan(0.6);
  });
  it("a weak and falling signal with growing gaps raises it", () => {
    const c = connectivityChance(
      healthyWindow({ signalAvg: -102, signalSlope: -2.5, uptimeRecent: 0.5, uptimeEarlier: 0.95 }),
    );
    expect(c.p).toBeGreaterThanOrEqual(0.6);
    expect(c.reasons.map((r) => r.key)).toEqual(["signal_weak", "signal_falling", "gaps_growing"]);
  });
  it("is low for a steady, strong signal", () => {
    expect(connectivityChance(healthyWindow()).p).toBeLessThan(0.1);
  });
});

describe("the device rule", () => {
  it("reboots and temperature outside the kind's range raise it", () => {
    const c = deviceChance(
      healthyWindow({ kind: "access_panel", reboots: 4, tempOutShare: 0.35, lastTemperature: 58 }),
    );
    expect(c.p).toBeGreaterThanOrEqual(0.6);
    expect(c.reasons.map((r) => r.key)).toEqual(["reboots", "temp_out_of_range", "temp_now"]);
    expect(c.reasons[1]?.label).toMatch(/outside 0 to 50 °C/);
  });
  it("a sudden jump alone does not", () => {
    expect(deviceChance(healthyWindow({ tempMaxJump: 20 })).p).toBeLessThan(0.6);
  });
});

describe("the prediction", () => {
  it("takes the type of the likeliest rule, with its recommendation", () => {
    const p = predictFailure(healthyWindow({ lastBattery: 7, batterySlope: -0.8 }), null);
    expect(p).toMatchObject({ type: "battery", scoredBy: "rules" });
    expect(p.probability).toBeGreaterThanOrEqual(0.6);
    expect(p.recommendation).toBe("Replace or charge the battery");
  });
  it("says so when nothing is wrong", () => {
    const p = predictFailure(healthyWindow(), null);
    expect(p.probability).toBeLessThan(0.1);
    expect(p.explanation).toEqual([{ key: "healthy", label: "No warning sign in the last 24 h" }]);
  });
  it("takes the probability from a usable model, the type from the rules", () => {
    const w = healthyWindow({ reboots: 8 });
    const features = deviceFeatures(w);
    const model = {
      version: 3,
      model: {
        weights: features.map((_, i) => (i === 9 ? 2 : 0)),
        bias: 0,
        means: features.map(() => 0),
        scales: features.map(() => 1),
      },
    };
    const p = predictFailure(w, model);
    expect(p.type).toBe("device");
    expect(p.scoredBy).toBe("model v3");
    expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-1.6)), 2);
    expect(p.explanation.map((e) => e.label)).toContain("Model: Reboots");
  });
});
