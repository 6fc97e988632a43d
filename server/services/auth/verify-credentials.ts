import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import { schema, type DbOrTx } from "@/server/db";
import { RateLimitedError } from "../_core/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedForSeconds, recordFailure, THROTTLE, throttleKeys } from "./throttle";

export type SignedInUser = {
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
};

export function lockoutMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Checks an e-mail and password. Returns the user, or null when they do not match (the
 * caller says so without telling which was wrong). Throws RateLimitedError while locked out.
 */
export async function verifyCredentials(
  db: DbOrTx,
  input: { email: string; password: string; address: string },
  now: Date,
): Promise<SignedInUser | null> {
  const keys = throttleKeys(input.email, input.address);
  const wait = await lockedForSeconds(db, [keys.account, keys.address], now);
  if (wait > 0) throw new RateLimitedError(lockoutMessage(wait), wait);

  const [user] = await db
    .select()
    .from(schema.users)
    .where(eq(sql`lower(${schema.users.email})`, input.email.trim().toLowerCase()))
    .limit(1);
  const ok = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!user || !ok || !user.active) {
    await recordFailure(db, keys.account, THROTTLE.account.maxFailures, now);
    await recordFailure(db, keys.address, THROTTLE.address.maxFailures, now);
    return null;
  }
  await clearFailures(db, keys.account);
  await db.update(schema.users).set({ lastSignInAt: now }).where(eq(schema.users.id, user.id));
  return {
    id: user.id,
    tenantId: user.tenantId,
    role: user.role,
    name: user.name,
    email: user.email,
  };
}
