import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  hashPortalToken,
  looksLikeToken,
  newPortalToken,
  TOKEN_LENGTH,
  tokenExpiresAt,
  tokenMatchesHash,
  tokenState,
} from "./token";

describe("portal tokens", () => {
  it("makes 256-bit base64url tokens and stores their SHA-256", () => {
    const { token, hash } = newPortalToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashPortalToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it("never repeats itself", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newPortalToken().token));
    expect(seen.size).toBe(1000);
  });

  it("accepts every token it makes", () => {
    for (let i = 0; i < 500; i++) expect(looksLikeToken(newPortalToken().token)).toBe(true);
  });

  it("refuses malformed tokens before any lookup", () => {
    const good = newPortalToken().token;
    for (const bad of [
      "",
      good.slice(0, -1),
      `${good}A`,
      `${good}=`,
      good.replace(/^./, "+"),
      good.replace(/^./, "/"),
      `${good.slice(0, 42)}B`, // non-canonical: stray bits in the last character
      " ".repeat(43),
      "../../etc/passwd".padEnd(43, "A"),
      null,
      undefined,
      42,
      { token: good },
    ])
      expect(looksLikeToken(bad)).toBe(false);
  });

  it("compares a token to its hash", () => {
    const { token, hash } = newPortalToken();
    expect(tokenMatchesHash(token, hash)).toBe(true);
    expect(tokenMatchesHash(newPortalToken().token, hash)).toBe(false);
    expect(tokenMatchesHash(token, "not-a-hash")).toBe(false);
    expect(tokenMatchesHash("short", hash)).toBe(false);
  });

  it("expires after 30 days by default", () => {
    const issued = new Date("2025-01-01T00:00:00Z");
    expect(tokenExpiresAt(issued).toISOString()).toBe("2025-01-31T00:00:00.000Z");
    expect(tokenExpiresAt(issued, 7).toISOString()).toBe("2025-01-08T00:00:00.000Z");
  });

  it("tells valid, expired and revoked apart", () => {
    const expiresAt = new Date("2025-01-31T00:00:00Z");
    const before = new Date("2025-01-30T23:59:59Z");
    expect(tokenState({ expiresAt, revokedAt: null }, before)).toBe("valid");
    expect(tokenState({ expiresAt, revokedAt: null }, expiresAt)).toBe("expired");
    expect(tokenState({ expiresAt, revokedAt: new Date("2025-01-10T00:00:00Z") }, before)).toBe(
      "revoked",
    );
    expect(tokenState({ expiresAt, revokedAt: new Date("2025-02-10T00:00:00Z") }, before)).toBe(
      "revoked",
    );
  });
});
