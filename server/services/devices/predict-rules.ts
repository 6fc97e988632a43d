import "server-only";
import { FAILURE_TYPES, KIND_PROFILES, RECOMMENDATIONS, type FailureType } from "@/lib/devices";
import type { DevicePrediction, PredictionFactor } from "@/server/db/schema";
import { predictLogistic, type LogisticModel } from "../models/logistic";
import type { DeviceWindow } from "./health";

export type TypeChance = { p: number; reasons: PredictionFactor[] };

const cap = (p: number) => Math.min(0.97, Math.max(0.01, p));
const fmt = (v: number, digits = 1) => v.toFixed(digits).replace(/\.0$/, "");

/**
 * Battery: projected below 5 % within the hour, or under 15 % and draining (devices.md).
 * Mains-powered kinds, and devices that report no level, have no battery chance.
 */
export function batteryChance(w: DeviceWindow): TypeChance {
  const level = w.lastBattery ?? w.batteryAvg;
  if (!KIND_PROFILES[w.kind].battery || level === null) return { p: 0.01, reasons: [] };
  const drain = Math.max(0, -(w.batterySlope ?? 0));
  const projected = level - drain;
  if (projected < 5)
    return {
      p: 0.95,
      reasons: [
        {
          key: "battery_projected",
          label: `Battery ${fmt(level)} %, projected ${fmt(Math.max(0, projected))} % within the hour`,
        },
      ],
    };
  if (level < 15 && drain > 0.1)
    return {
      p: cap(0.6 + (0.3 * (15 - level)) / 15),
      reasons: [
        {
          key: "battery_low_draining",
          label: `Battery ${fmt(level)} % and draining ${fmt(drain, 2)} %/h`,
        },
      ],
    };
  if (level < 25 && drain > 1)
    return {
      p: 0.35,
      reasons: [{ key: "battery_fast_drain", label: `Battery ${fmt(level)} %, draining fast` }],
    };
  return { p: cap(0.02 + Math.min(0.2, drain / 10)), reasons: [] };
}

/** Connectivity: a weak, unstable or falling signal, and heartbeat gaps growing. */
export function connectivityChance(w: DeviceWindow): TypeChance {
  const reasons: PredictionFactor[] = [];
  let p = 0.03;
  const avg = w.signalAvg ?? w.lastSignal;
  if (avg !== null && avg < -95) {
    p += avg < -100 ? 0.35 : 0.25;
    reasons.push({ key: "signal_weak", label: `Weak signal, ${fmt(avg)} dBm on average` });
  }
  if (w.signalSd !== null && w.signalSd > 8) {
    p += w.signalSd > 12 ? 0.3 : 0.2;
    reasons.push({ key: "signal_unstable", label: `Unstable signal (±${fmt(w.signalSd)} dB)` });
  }
  if (w.signalSlope !== null && w.signalSlope < -1) {
    p += w.signalSlope < -2 ? 0.3 : 0.2;
    reasons.push({
      key: "signal_falling",
      label: `Signal falling ${fmt(-w.signalSlope)} dBm/h`,
    });
  }
  const growth = w.uptimeEarlier - w.uptimeRecent;
  if (growth > 0.15) {
    p += growth > 0.35 ? 0.35 : 0.25;
    reasons.push({
      key: "gaps_growing",
      label: `Heartbeat gaps growing: online ${Math.round(w.uptimeRecent * 100)} % of the last 6 h against ${Math.round(w.uptimeEarlier * 100)} % before`,
    });
  }
  return { p: cap(p), reasons };
}

/** Device: temperature outside its range or jumping, and reboots. */
export function deviceChance(w: DeviceWindow): TypeChance {
  const reasons: PredictionFactor[] = [];
  let p = 0.02;
  if (w.reboots >= 3) {
    p += w.reboots >= 6 ? 0.5 : 0.35;
    reasons.push({ key: "reboots", label: `${w.reboots} reboots in 24 h` });
  }
  if (w.tempOutShare > 0.1) {
    p += w.tempOutShare > 0.3 ? 0.4 : 0.25;
    reasons.push({
      key: "temp_out_of_range",
      label: `${Math.round(w.tempOutShare * 100)} % of temperature readings outside ${KIND_PROFILES[w.kind].tempRange.join(" to ")} °C`,
    });
  }
  if (w.tempMaxJump !== null && w.tempMaxJump > 15) {
    p += 0.2;
    reasons.push({
      key: "temp_jump",
      label: `Temperature jumped ${fmt(w.tempMaxJump)} °C within an hour`,
    });
  }
  const [lo, hi] = KIND_PROFILES[w.kind].tempRange;
  if (w.lastTemperature !== null && (w.lastTemperature < lo || w.lastTemperature > hi)) {
    p += 0.2;
    reasons.push({ key: "temp_now", label: `Now ${fmt(w.lastTemperature)} °C` });
  }
  return { p: cap(p), reasons };
}

export function chancesByType(w: DeviceWindow): Record<FailureType, TypeChance> {
  return {
    battery: batteryChance(w),
    connectivity: connectivityChance(w),
    device: deviceChance(w),
  };
}

/** The model's features for a device window: the rules' signals, as numbers. */
export function deviceFeatures(w: DeviceWindow): number[] {
  const hasBattery = KIND_PROFILES[w.kind].battery;
  const level = hasBattery ? (w.lastBattery ?? w.batteryAvg ?? 100) : 100;
  return [
    level / 100,
    Math.max(0, -(w.batterySlope ?? 0)) / 5,
    ((w.signalAvg ?? w.lastSignal ?? -70) + 110) / 60,
    (w.signalSd ?? 0) / 10,
    Math.min(0, w.signalSlope ?? 0) / 3,
    w.uptime,
    Math.max(0, w.uptimeEarlier - w.uptimeRecent),
    w.tempOutShare,
    Math.max(0, (w.tempMaxJump ?? 0) - 10) / 20,
    Math.min(10, w.reboots) / 10,
    hasBattery ? 1 : 0,
  ];
}

export const DEVICE_FEATURE_LABELS = [
  "Battery level",
  "Battery drain",
  "Signal strength",
  "Signal instability",
  "Signal falling",
  "Uptime",
  "Heartbeat gaps growing",
  "Temperature out of range",
  "Temperature jumps",
  "Reboots",
  "Battery-powered",
] as const;

/**
 * The prediction for the next hour: the type is the rule with the highest chance; the
 * probability is the tenant's model when one is usable, else that rule's chance. The
 * explanation names the rule's reasons and, with a model, the features that pushed it up.
 */
export function predictFailure(
  w: DeviceWindow,
  model: { version: number; model: LogisticModel } | null,
): DevicePrediction {
  const byType = chancesByType(w);
  let type: FailureType = "battery";
  for (const t of FAILURE_TYPES) if (byType[t].p > byType[type].p) type = t;
  const chosen = byType[type];
  const probabilities = {
    battery: round2(byType.battery.p),
    connectivity: round2(byType.connectivity.p),
    device: round2(byType.device.p),
  };
  if (!model)
    return {
      probability: round2(chosen.p),
      type,
      byType: probabilities,
      explanation: chosen.reasons.length
        ? chosen.reasons
        : [{ key: "healthy", label: "No warning sign in the last 24 h" }],
      recommendation: RECOMMENDATIONS[type],
      scoredBy: "rules",
    };
  const { p, contributions } = predictLogistic(model.model, deviceFeatures(w));
  const pushed = contributions
    .map((c, i) => ({ c, i }))
    .filter((x) => x.c > 0.3)
    .sort((a, b) => b.c - a.c)
    .slice(0, 3)
    .map((x) => ({ key: `f${x.i}`, label: `Model: ${DEVICE_FEATURE_LABELS[x.i] ?? "feature"}` }));
  return {
    probability: round2(p),
    type,
    byType: probabilities,
    explanation: [...chosen.reasons, ...pushed]
      .slice(0, 5)
      .concat(
        chosen.reasons.length || pushed.length
          ? []
          : [{ key: "healthy", label: "No warning sign in the last 24 h" }],
      ),
    recommendation: RECOMMENDATIONS[type],
    scoredBy: `model v${model.version}`,
  };
}

/** two decimals: a prediction that moved by less is not rewritten */
const round2 = (p: number) => Math.round(p * 100) / 100;
