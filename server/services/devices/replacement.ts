import "server-only";
import { DEVICE_RULES } from "@/lib/devices";

/**
 * Predictive replacement (gold): a device whose daily score fell every day for 7 days, or
 * that failed 3 or more times in 30 days, is listed with the reason; null otherwise.
 * `dailyScores` are the mean scores of the last days, oldest first (a missing day is null).
 */
export function replacementReason(
  dailyScores: (number | null)[],
  failures30d: number,
): string | null {
  const reasons: string[] = [];
  const days = DEVICE_RULES.replaceAfterDecliningDays;
  const last = dailyScores.slice(-(days + 1));
  if (
    last.length === days + 1 &&
    last.every((s, i) => {
      if (s === null) return false;
      const before = i === 0 ? null : last[i - 1];
      return i === 0 || (before !== null && before !== undefined && s < before - 0.5);
    })
  ) {
    const first = last[0] ?? 0;
    const now = last[days] ?? 0;
    reasons.push(
      `Health score fell ${days} days in a row (${Math.round(first)} → ${Math.round(now)})`,
    );
  }
  if (failures30d >= DEVICE_RULES.replaceAfterFailures)
    reasons.push(`${failures30d} failures in the last 30 days`);
  return reasons.length ? reasons.join("; ") : null;
}
