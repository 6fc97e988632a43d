import "server-only";
import { KIND_PROFILES, RECOMMENDATIONS, type DeviceKind, type FailureType } from "@/lib/devices";
import { tierIncludes, type Tier } from "@/lib/tiers";
import type { DevicePrediction } from "@/server/db/schema";
import type { LogisticModel } from "../models/logistic";
import { healthComponents, healthScore, isOfflineByTimeout } from "./health";
import { predictFailure } from "./predict-rules";
import { hourFloor } from "./rollup";
import { sumsOf, toWindow, type WindowInput } from "./window";

/** A device as the hourly run reads it: live state and the sums of its last 24 h of rollups. */
export type DeviceRow = WindowInput &
  Record<string, unknown> & {
    /** what the last run wrote, hashed (null: nothing yet) */
    prevSignature: string | null;
    id: string;
    name: string;
    clientId: string;
    siteId: string;
    tier: Tier;
    online: boolean;
    lastSeenMs: number | null;
    offlineSinceMs: number | null;
  };

export type Evaluated = {
  row: DeviceRow;
  online: boolean;
  timedOut: boolean;
  score: number | null;
  components: ReturnType<typeof healthComponents> | null;
  prediction: DevicePrediction | null;
  failures: { type: FailureType; atMs: number; detail: string }[];
};

/** One device's score, prediction and new failures at `now`: pure, from its row. */
export function evaluateDevice(
  row: DeviceRow,
  model: { version: number; model: LogisticModel } | null,
  now: Date,
): Evaluated {
  const kind = row.kind as DeviceKind;
  const lastSeen = row.lastSeenMs === null ? null : new Date(row.lastSeenMs);
  const timedOut = row.online && isOfflineByTimeout(kind, lastSeen, now);
  const online = row.online && !timedOut;
  const health = tierIncludes(row.tier, "deviceHealth");
  const alerting = tierIncludes(row.tier, "deviceFailureAlerts");
  const failures: Evaluated["failures"] = [];
  if (!alerting)
    return { row, online, timedOut, score: null, components: null, prediction: null, failures };
  const sums = sumsOf(row);
  const w = toWindow(row, sums);
  const components = healthComponents(w);
  let prediction = predictFailure(w, model);
  if (!online && lastSeen) {
    const since = row.offlineSinceMs ?? lastSeen.getTime();
    prediction = {
      probability: 1,
      type: "connectivity",
      byType: { ...prediction.byType, connectivity: 1 },
      explanation: [
        {
          key: "offline",
          label: `Offline since ${new Date(since).toISOString().slice(0, 16).replace("T", " ")} UTC (no heartbeat for more than ${KIND_PROFILES[kind].offlineAfterMinutes} min)`,
        },
      ],
      recommendation: RECOMMENDATIONS.connectivity,
      scoredBy: prediction.scoredBy,
    };
    failures.push({ type: "connectivity", atMs: since, detail: "Went offline" });
  }
  const hour = hourFloor(now).getTime();
  if (w.lastBattery !== null && w.lastBattery < 5 && KIND_PROFILES[kind].battery)
    failures.push({ type: "battery", atMs: hour, detail: `Battery at ${w.lastBattery} %` });
  const [lo, hi] = KIND_PROFILES[kind].tempRange;
  const t = w.lastTemperature;
  const lastHourReboots = sums.rebootsLastHour ?? 0;
  if (lastHourReboots >= 2 || (t !== null && (t < lo - 10 || t > hi + 10)))
    failures.push({
      type: "device",
      atMs: hour,
      detail: lastHourReboots >= 2 ? `${lastHourReboots} reboots in an hour` : `At ${t} °C`,
    });
  return {
    row,
    online,
    timedOut,
    score: health ? healthScore(components) : null,
    components: health ? components : null,
    prediction,
    failures,
  };
}
