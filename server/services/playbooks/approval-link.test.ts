import { describe, expect, it } from "vitest";
import { hashApprovalToken, signApprovalToken, verifyApprovalToken } from "./approval-link";

const SECRET = "unit-test-secret";
const now = new Date("2026-11-04T10:00:00Z");
const claims = {
  runId: "6f1c2a8e-2b8f-4a55-9a3c-0d5c8f7e1a22",
  decision: "approve" as const,
  expiresAt: new Date("2026-11-04T14:00:00Z"),
};

describe("approval links", () => {
  it("verifies what it signed, with its claims and hash", () => {
    const { token, hash } = signApprovalToken(claims, SECRET);
    const check = verifyApprovalToken(token, now, SECRET);
    expect(check).toEqual({ ok: true, claims, hash });
    expect(hashApprovalToken(token)).toBe(hash);
  });
  it("two links for the same run differ (a nonce each)", () => {
    expect(signApprovalToken(claims, SECRET).token).not.toBe(
      signApprovalToken(claims, SECRET).token,
    );
  });
  it("refuses a token whose claims were changed (approve → reject)", () => {
    const { token } = signApprovalToken(claims, SECRET);
    const [body = "", sig = ""] = token.split(".");
    const forged = Buffer.from(
      Buffer.from(body, "base64url").toString().replace("approve", "reject"),
    ).toString("base64url");
    expect(verifyApprovalToken(`${forged}.${sig}`, now, SECRET)).toEqual({
      ok: false,
      reason: "tampered",
    });
  });
  it("refuses a token signed with another secret", () => {
    const { token } = signApprovalToken(claims, "another-secret");
    expect(verifyApprovalToken(token, now, SECRET)).toMatchObject({ reason: "tampered" });
  });
  it("refuses an expired token", () => {
    const { token } = signApprovalToken(claims, SECRET);
    expect(verifyApprovalToken(token, claims.expiresAt, SECRET)).toMatchObject({
      reason: "expired",
    });
  });
  it("refuses junk without throwing", () => {
    for (const junk of [undefined, 42, "", "abc", "a.b", `${"x".repeat(30)}.${"y".repeat(43)}`])
      expect(verifyApprovalToken(junk, now, SECRET).ok).toBe(false);
  });
});
