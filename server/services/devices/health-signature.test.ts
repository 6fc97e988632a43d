import { describe, expect, it } from "vitest";
import { DEVICE_RULES } from "@/lib/devices";
import type { DevicePrediction } from "@/server/db/schema";
import { probabilityPoint, shownSignatureOf } from "./health-signature";

const prediction = (over: Partial<DevicePrediction> = {}): DevicePrediction => ({
  probability: 0.62,
  type: "battery",
  byType: { battery: 0.62, connectivity: 0.03, device: 0.02 },
  explanation: [{ key: "battery_low_draining", label: "Battery 12.4 % and draining 0.31 %/h" }],
  recommendation: "Replace or charge the battery",
  scoredBy: "rules",
  ...over,
});
const health = (p: Partial<DevicePrediction> = {}, score = 71) => ({
  score,
  components: { battery: 40, signal: 90, uptime: 100, temperature: 100 },
  prediction: prediction(p),
});
const same = (a: ReturnType<typeof health>, b: ReturnType<typeof health>) =>
  shownSignatureOf(a) === shownSignatureOf(b);

describe("the whole point of a probability", () => {
  it("floors, and two decimals land on their own point", () => {
    expect(probabilityPoint(0.29)).toBe(29);
    expect(probabilityPoint(0.57)).toBe(57);
    expect(probabilityPoint(0.599)).toBe(59);
    expect(probabilityPoint(0.6)).toBe(60);
    expect(probabilityPoint(0.0)).toBe(0);
    expect(probabilityPoint(1)).toBe(100);
    for (let i = 0; i <= 100; i++) expect(probabilityPoint(i / 100)).toBe(i);
  });
});

describe("what the device health row is rewritten for", () => {
  it("not the numbers in the reasons, nor the chances by type", () => {
    expect(
      same(
        health(),
        health({
          explanation: [
            { key: "battery_low_draining", label: "Battery 11.9 % and draining 0.35 %/h" },
          ],
          byType: { battery: 0.62, connectivity: 0.05, device: 0.03 },
        }),
      ),
    ).toBe(true);
  });

  it("nor a probability that stays within its whole point", () => {
    expect(same(health({ probability: 0.601 }), health({ probability: 0.609 }))).toBe(true);
  });

  it("a probability that moved a point, and every whole-point threshold crossed", () => {
    expect(same(health({ probability: 0.62 }), health({ probability: 0.63 }))).toBe(false);
    for (const threshold of [DEVICE_RULES.alertAt, DEVICE_RULES.resolveBelow, 0.5, 0.7, 0.8])
      expect(
        same(health({ probability: threshold - 0.001 }), health({ probability: threshold })),
        `crossing ${threshold}`,
      ).toBe(false);
  });

  it("the score and each component as shown", () => {
    expect(same(health({}, 71), health({}, 70))).toBe(false);
    const moved = { ...health(), components: { ...health().components, signal: 89 } };
    expect(shownSignatureOf(moved)).not.toBe(shownSignatureOf(health()));
    const noBattery = { ...health(), components: { ...health().components, battery: null } };
    expect(shownSignatureOf(noBattery)).not.toBe(shownSignatureOf(health()));
  });

  it("the failure type, who scored it, and which reasons are given", () => {
    expect(same(health(), health({ type: "device" }))).toBe(false);
    expect(same(health(), health({ scoredBy: "model v3" }))).toBe(false);
    const more = [
      ...prediction().explanation,
      { key: "signal_weak", label: "Weak signal, -97 dBm on average" },
    ];
    expect(same(health(), health({ explanation: more }))).toBe(false);
    expect(
      same(
        health(),
        health({ explanation: [{ key: "battery_fast_drain", label: "Battery 12.4 %" }] }),
      ),
    ).toBe(false);
  });

  it("an offline reason naming another time it went offline", () => {
    const offline = (label: string) =>
      health({ probability: 1, type: "connectivity", explanation: [{ key: "offline", label }] });
    expect(
      same(
        offline("Offline since 2026-12-03 10:00 UTC (no heartbeat for more than 30 min)"),
        offline("Offline since 2026-12-03 10:50 UTC (no heartbeat for more than 30 min)"),
      ),
    ).toBe(false);
  });

  it("a device gaining or losing its score or prediction (plans change)", () => {
    const bronze = { score: null, components: null, prediction: prediction() };
    const none = { score: null, components: null, prediction: null };
    expect(shownSignatureOf(bronze)).not.toBe(shownSignatureOf(health()));
    expect(shownSignatureOf(none)).not.toBe(shownSignatureOf(bronze));
  });
});
