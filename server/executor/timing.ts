const UNITS: Record<string, number> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/** The wake time for an Inngest duration ("1m30s", "2d") or ISO date, from `now`. */
export function wakeTime(spec: string, now: Date = new Date()): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(spec)) {
    const at = new Date(spec);
    if (Number.isNaN(at.getTime())) throw new Error(`bad date ${spec}`);
    return at;
  }
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g;
  let matched = "";
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    ms += Number(m[1]) * (UNITS[m[2] ?? "s"] ?? 0);
    matched += m[0];
  }
  if (!matched || matched !== spec) throw new Error(`bad duration ${spec}`);
  return new Date(now.getTime() + ms);
}

/** Delay before retry `attempt` (1-based): base·3^(attempt-1), capped at 10 minutes, ±10 % jitter. */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const raw = Math.min(600_000, baseMs * 3 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.9 + 0.2 * random()));
}

/** A `retry-after` header: seconds, or an HTTP/ISO date. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
