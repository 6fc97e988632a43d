import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { TOKEN_TTL_DAYS } from "@/lib/work-orders";

/** Vendor portal link tokens (vendors.md): 256 random bits, only the SHA-256 is stored. */
const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url: 43 characters, the last carrying 2 zero bits. */
export const TOKEN_LENGTH = 43;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const HASH_SHAPE = /^[0-9a-f]{64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function hashPortalToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newPortalToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, hash: hashPortalToken(token) };
}

/**
 * Shape check before any lookup: exactly what `newPortalToken` produces (canonical base64url
 * of 32 bytes), so junk, truncated or padded strings are refused without touching the DB.
 */
export function looksLikeToken(s: unknown): s is string {
  return typeof s === "string" && TOKEN_SHAPE.test(s);
}

/** Constant-time check of a presented token against a stored hash. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  if (!looksLikeToken(token) || !HASH_SHAPE.test(storedHash)) return false;
  return timingSafeEqual(
    Buffer.from(hashPortalToken(token), "hex"),
    Buffer.from(storedHash, "hex"),
  );
}

export function tokenExpiresAt(issuedAt: Date, days = TOKEN_TTL_DAYS): Date {
  return new Date(issuedAt.getTime() + days * DAY_MS);
}

export type TokenState = "valid" | "expired" | "revoked";

/** Revoked wins over expired; the portal shows the same "no longer valid" page for both. */
export function tokenState(t: { expiresAt: Date; revokedAt: Date | null }, now: Date): TokenState {
  if (t.revokedAt) return "revoked";
  if (now.getTime() >= t.expiresAt.getTime()) return "expired";
  return "valid";
}
