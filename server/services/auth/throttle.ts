import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";

/** Failed attempts allowed in a window before a key is locked out, and for how long. */
export const THROTTLE = {
  account: { maxFailures: 5 },
  address: { maxFailures: 20 },
  windowMinutes: 15,
  lockMinutes: 15,
} as const;

export function throttleKeys(email: string, address: string) {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

/** Seconds until the first of these keys unlocks, or 0 when none is locked. */
export async function lockedForSeconds(db: DbOrTx, keys: string[], now: Date): Promise<number> {
  const rows = await db
    .select({ lockedUntil: schema.signInThrottle.lockedUntil })
    .from(schema.signInThrottle)
    .where(inArray(schema.signInThrottle.key, keys));
  const waits = rows.map((r) =>
    r.lockedUntil ? Math.ceil((r.lockedUntil.getTime() - now.getTime()) / 1000) : 0,
  );
  return Math.max(0, ...waits);
}

/** Counts a failure against a key; locks it once it reaches `maxFailures` within the window. */
export async function recordFailure(
  db: DbOrTx,
  key: string,
  maxFailures: number,
  now: Date,
): Promise<void> {
  const t = schema.signInThrottle;
  const at = sql`${now.toISOString()}::timestamptz`;
  const window = sql.raw(`interval '${THROTTLE.windowMinutes} minutes'`);
  const lock = sql.raw(`interval '${THROTTLE.lockMinutes} minutes'`);
  await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${t.windowStartedAt} < ${at} - ${window} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${t.windowStartedAt} < ${at} - ${window} then ${at} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${t.windowStartedAt} >= ${at} - ${window} and ${t.failures} + 1 >= ${maxFailures} then ${at} + ${lock} else ${t.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(schema.signInThrottle).where(eq(schema.signInThrottle.key, key));
}
