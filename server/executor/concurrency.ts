import { evaluateValue } from "./expression";
import type { ConcurrencyLimit, InngestEvent, RunConcurrency } from "./types";

/**
 * A function's `concurrency` as the SDK registers it (a number, one option, or an array of at
 * most two), as a list of limits; null when it sets none. A limit of 0 or less means "no limit
 * of our own" in Inngest (the account's), so it is dropped. Registration has refused what it
 * cannot honour (refusals.ts) before this reads it.
 */
export function parseConcurrency(raw: unknown): ConcurrencyLimit[] | null {
  const options = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const limits = options.flatMap((o: unknown): ConcurrencyLimit[] => {
    const option = typeof o === "number" ? { limit: o } : o;
    if (!option || typeof option !== "object") return [];
    const { limit, key, scope } = option as { limit?: unknown; key?: unknown; scope?: unknown };
    if (typeof limit !== "number" || !Number.isFinite(limit) || limit < 1) return [];
    return [
      {
        limit: Math.floor(limit),
        ...(typeof key === "string" && key.trim() ? { key: key.trim() } : {}),
        ...(scope === "env" || scope === "account" ? { scope } : {}),
      },
    ];
  });
  return limits.length ? limits.slice(0, 2) : null;
}

function keyValue(expression: string, event: InngestEvent): string {
  try {
    const value = evaluateValue(expression, { event });
    if (value === undefined || value === null) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    // an expression the small CEL subset cannot read: one shared bucket, never a failed event
    return "";
  }
}

/**
 * The concurrency buckets a run of `fnId` for `event` counts against: `fnId` for a limit
 * without a key, `fnId:<key expression>=<value>` for a keyed one. Limits are per function, as
 * with Inngest's default scope "fn"; a function asking for the scopes "env" or "account"
 * (limits shared between functions) is refused at registration (refusals.ts).
 */
export function runConcurrency(
  fnId: string,
  limits: ConcurrencyLimit[] | null | undefined,
  event: InngestEvent,
): RunConcurrency[] | null {
  if (!limits?.length) return null;
  return limits.map((l) => ({
    k: l.key ? `${fnId}:${l.key}=${keyValue(l.key, event)}` : fnId,
    n: l.limit,
  }));
}

/**
 * Of `runs` (in the order they should be taken), those that fit under their buckets' limits
 * given `live` runs already in each bucket; the others are to be given back.
 */
export function fitWithinLimits<R extends { concurrency: RunConcurrency[] | null }>(
  runs: R[],
  live: Map<string, number>,
): { keep: R[]; release: R[] } {
  const taken = new Map(live);
  const keep: R[] = [];
  const release: R[] = [];
  for (const run of runs) {
    const buckets = run.concurrency ?? [];
    if (buckets.every((b) => (taken.get(b.k) ?? 0) < b.n)) {
      for (const b of buckets) taken.set(b.k, (taken.get(b.k) ?? 0) + 1);
      keep.push(run);
    } else release.push(run);
  }
  return { keep, release };
}

/**
 * A 32-bit lock id for a bucket (FNV-1a), for pg_advisory_xact_lock(class, id): a collision
 * only makes two buckets wait on each other.
 */
export function bucketLockId(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
