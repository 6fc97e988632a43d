import "server-only";
import type { HealthComponents } from "@/lib/devices";
import type { DevicePrediction } from "@/server/db/schema";

/**
 * The whole point a probability is in: floor(p × 100). Predictions carry two decimals, and
 * 0.29 × 100 is 28.999…, so the product is nudged before it is floored.
 */
export function probabilityPoint(p: number): number {
  return Math.floor(p * 100 + 1e-6);
}

/**
 * What the product shows or acts on of a device's health, hashed (FNV-1a, two lanes): the
 * hourly run rewrites a device's `device_health` row only when this changes — the rule the
 * SLA predictions follow. It holds the score, the components (integers, as shown), the
 * probability's whole point (so crossing any threshold on a whole point, the alert's 0.6 and
 * the resolve's 0.4, always rewrites), the failure type, which reasons are given (their keys,
 * not the numbers in their labels, which move every hour) and who scored it. The labels'
 * numbers and the chances by type then stay as of the last rewrite (`scored_at`); alerts and
 * the score history take the run's fresh values. An offline reason's label is kept: it names
 * when the device went offline, which moves only when it went offline again.
 * A crypto hash of the JSON cost a tenth of the run on 20,000 devices.
 */
export function shownSignatureOf(e: {
  score: number | null;
  components: HealthComponents | null;
  prediction: DevicePrediction | null;
}): string {
  const c = e.components;
  const p = e.prediction;
  const reasons = p?.explanation.map((x) => (x.key === "offline" ? `${x.key}:${x.label}` : x.key));
  const text = `${e.score}|${c?.battery}|${c?.signal}|${c?.uptime}|${c?.temperature}|${p ? probabilityPoint(p.probability) : ""}|${p?.type}|${p?.scoredBy}|${reasons?.join(";")}`;
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h = Math.imul(h ^ ch, 0x01000193);
    g = Math.imul(g ^ ch, 0x811c9dc5);
  }
  return `${(h >>> 0).toString(36)}${(g >>> 0).toString(36)}`;
}
