import { describe, expect, it } from "vitest";
import { healthyWindow } from "@/server/test/device-window";
import {
  batteryComponent,
  healthComponents,
  healthScore,
  isOfflineByTimeout,
  signalComponent,
  temperatureComponent,
  uptimeComponent,
} from "./health";

describe("the battery component", () => {
  it("gives full marks to a full battery that barely drains", () => {
    expect(batteryComponent(healthyWindow())).toBe(100);
  });
  it("falls with the level", () => {
    // level 40 % → 50 points for the level, full marks for the trend
    expect(batteryComponent(healthyWindow({ lastBattery: 40 }))).toBe(70);
  });
  it("falls with the drain rate: 2 %/h from 90 % lasts 45 h of a week", () => {
    // level score 100; trend 100 × 45 / 168 = 26.8
    expect(batteryComponent(healthyWindow({ batterySlope: -2 }))).toBe(71);
  });
  it("uses the 24 h mean when no last level is known", () => {
    expect(batteryComponent(healthyWindow({ lastBattery: null, batteryAvg: 40 }))).toBe(70);
  });
  it("is absent for mains-powered kinds and for devices that report no level", () => {
    expect(batteryComponent(healthyWindow({ kind: "camera" }))).toBeNull();
    expect(batteryComponent(healthyWindow({ lastBattery: null, batteryAvg: null }))).toBeNull();
  });
});

describe("the signal component", () => {
  it("scores strength from -110 dBm (none) to -50 dBm (full)", () => {
    expect(signalComponent(healthyWindow({ signalAvg: -50, signalSd: 0 }))).toBe(100);
    expect(signalComponent(healthyWindow({ signalAvg: -110, signalSd: 0 }))).toBe(30);
    expect(signalComponent(healthyWindow({ signalAvg: -80, signalSd: 0 }))).toBe(65);
  });
  it("takes off for instability: 10 dB of deviation loses the stability share", () => {
    expect(signalComponent(healthyWindow({ signalAvg: -50, signalSd: 10 }))).toBe(70);
    expect(signalComponent(healthyWindow({ signalAvg: -50, signalSd: 5 }))).toBe(85);
  });
  it("is absent without any signal reading", () => {
    expect(signalComponent(healthyWindow({ signalAvg: null, lastSignal: null }))).toBeNull();
  });
});

describe("the uptime component", () => {
  it("is the online ratio over 24 h", () => {
    expect(uptimeComponent(healthyWindow({ uptime: 0.75 }))).toBe(75);
    expect(uptimeComponent(healthyWindow({ uptime: 0 }))).toBe(0);
  });
});

describe("the temperature component", () => {
  it("loses 2 points per percent of readings out of range", () => {
    expect(temperatureComponent(healthyWindow({ tempOutShare: 0.1 }))).toBe(80);
    expect(temperatureComponent(healthyWindow({ tempOutShare: 0.6 }))).toBe(0);
  });
  it("loses 5 points per °C of an hour's jump beyond 10 °C", () => {
    expect(temperatureComponent(healthyWindow({ tempMaxJump: 14 }))).toBe(80);
  });
  it("is absent without any temperature reading", () => {
    expect(temperatureComponent(healthyWindow({ tempN: 0, lastTemperature: null }))).toBeNull();
  });
});

describe("the health score", () => {
  it("weights battery 40, signal 30, uptime 20, temperature 10", () => {
    expect(healthScore({ battery: 50, signal: 100, uptime: 100, temperature: 100 })).toBe(80);
    expect(healthScore({ battery: 100, signal: 0, uptime: 100, temperature: 100 })).toBe(70);
    expect(healthScore({ battery: 100, signal: 100, uptime: 0, temperature: 100 })).toBe(80);
    expect(healthScore({ battery: 100, signal: 100, uptime: 100, temperature: 0 })).toBe(90);
  });
  it("re-weights a mains-powered device's other three: signal 50, uptime 33, temperature 17", () => {
    expect(healthScore({ battery: null, signal: 0, uptime: 100, temperature: 100 })).toBe(50);
    expect(healthScore({ battery: null, signal: 100, uptime: 0, temperature: 100 })).toBe(67);
    expect(healthScore({ battery: null, signal: 100, uptime: 100, temperature: 0 })).toBe(83);
  });
  it("a camera's components leave the battery out", () => {
    const c = healthComponents(healthyWindow({ kind: "camera", signalAvg: -80, signalSd: 0 }));
    expect(c.battery).toBeNull();
    expect(healthScore(c)).toBe(Math.round((65 * 0.3 + 100 * 0.2 + 100 * 0.1) / 0.6));
  });
});

describe("offline by timeout", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  it("marks a camera offline after 15 minutes without a reading, not before", () => {
    expect(isOfflineByTimeout("camera", ago(15), now)).toBe(false);
    expect(isOfflineByTimeout("camera", ago(16), now)).toBe(true);
  });
  it("gives battery kinds 30 minutes", () => {
    expect(isOfflineByTimeout("panic_button", ago(29), now)).toBe(false);
    expect(isOfflineByTimeout("panic_button", ago(31), now)).toBe(true);
  });
  it("counts a device that never reported as offline", () => {
    expect(isOfflineByTimeout("sensor", null, now)).toBe(true);
  });
});
