import "server-only";
import {
  COMPONENT_WEIGHTS,
  KIND_PROFILES,
  SCORE_COMPONENTS,
  type DeviceKind,
  type HealthComponents,
} from "@/lib/devices";

/**
 * What the hourly run knows about a device: its live state (written by ingestion) and the
 * aggregates of its last 24 hourly rollups. Read in one set-based query (run.ts); the rules
 * below are pure.
 */
export type DeviceWindow = {
  kind: DeviceKind;
  /** the newest readings (ingestion keeps them on the device) */
  lastBattery: number | null;
  lastSignal: number | null;
  lastTemperature: number | null;
  /** online ratio over 24 h, each hour counted against the kind's heartbeat (0–1) */
  uptime: number;
  /** the same over the last 6 hours and the 18 before them: growing heartbeat gaps */
  uptimeRecent: number;
  uptimeEarlier: number;
  batteryAvg: number | null;
  /** least-squares slope of the hourly battery means, % per hour (negative: draining) */
  batterySlope: number | null;
  signalAvg: number | null;
  /** standard deviation of every signal reading of the 24 h (dBm) */
  signalSd: number | null;
  /** dBm per hour (negative: falling) */
  signalSlope: number | null;
  tempN: number;
  /** share of temperature readings outside the kind's operating range (0–1) */
  tempOutShare: number;
  /** the largest spread of temperature within one hour (°C) */
  tempMaxJump: number | null;
  /** reboots over the 24 h (the device's counter, newest less oldest) */
  reboots: number;
};

const clamp = (v: number, lo = 0, hi = 100) => Math.max(lo, Math.min(hi, v));

/** Battery: level (80 % and up is full marks) and how long the charge lasts at the drain rate. */
export function batteryComponent(w: DeviceWindow): number | null {
  if (!KIND_PROFILES[w.kind].battery) return null;
  const level = w.lastBattery ?? w.batteryAvg;
  if (level === null) return null;
  const levelScore = clamp(level * 1.25);
  const drain = Math.max(0, -(w.batterySlope ?? 0));
  // a week or more of charge left at this rate scores full marks
  const trendScore = drain <= 0.05 ? 100 : clamp((100 * (level / drain)) / 168);
  return Math.round(0.6 * levelScore + 0.4 * trendScore);
}

/** Signal: strength (-50 dBm full marks, -110 dBm none) and stability (10 dB deviation: none). */
export function signalComponent(w: DeviceWindow): number | null {
  const avg = w.signalAvg ?? w.lastSignal;
  if (avg === null) return null;
  const strength = clamp(((avg + 110) / 60) * 100);
  const stability = clamp(100 - (w.signalSd ?? 0) * 10);
  return Math.round(0.7 * strength + 0.3 * stability);
}

/** Uptime: the online ratio over 24 h (hours without a heartbeat count as down). */
export function uptimeComponent(w: DeviceWindow): number {
  return Math.round(clamp(w.uptime * 100));
}

/** Temperature: readings outside the kind's range (half of them: none) and sudden jumps. */
export function temperatureComponent(w: DeviceWindow): number | null {
  if (w.tempN === 0 && w.lastTemperature === null) return null;
  const outPenalty = w.tempOutShare * 200;
  const jumpPenalty = Math.max(0, (w.tempMaxJump ?? 0) - 10) * 5;
  return Math.round(clamp(100 - outPenalty - jumpPenalty));
}

export function healthComponents(w: DeviceWindow): HealthComponents {
  return {
    battery: batteryComponent(w),
    signal: signalComponent(w),
    uptime: uptimeComponent(w),
    temperature: temperatureComponent(w),
  };
}

/**
 * The weighted score (battery 40 / signal 30 / uptime 20 / temperature 10). A component the
 * device has nothing to say about — a mains-powered kind's battery — is left out and the
 * others share its weight in their proportions.
 */
export function healthScore(c: HealthComponents): number {
  let sum = 0;
  let weight = 0;
  for (const k of SCORE_COMPONENTS) {
    const v = c[k];
    if (v === null) continue;
    sum += v * COMPONENT_WEIGHTS[k];
    weight += COMPONENT_WEIGHTS[k];
  }
  return weight ? Math.round(sum / weight) : 0;
}

/** Offline without data: no reading for longer than the kind's timeout (or never one). */
export function isOfflineByTimeout(kind: DeviceKind, lastSeenAt: Date | null, now: Date): boolean {
  if (!lastSeenAt) return true;
  return now.getTime() - lastSeenAt.getTime() > KIND_PROFILES[kind].offlineAfterMinutes * 60_000;
}
