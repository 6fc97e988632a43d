import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApprovalDecision } from "@/lib/schemas/playbooks";

/**
 * Approve/reject links (playbooks.md, "Beyond the usual tools"): the token names its run,
 * decision and expiry, signed with HMAC-SHA256 under the app secret, plus a random nonce.
 * Only its SHA-256 is stored, with `used_at` making it single-use. A tampered token fails the
 * signature before any lookup; an expired one fails on its own stated expiry.
 */

const SHAPE = /^[A-Za-z0-9_-]{20,200}\.[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type LinkClaims = { runId: string; decision: ApprovalDecision; expiresAt: Date };

function appSecret(secret?: string): string {
  const s = secret ?? process.env.AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is not set: approval links cannot be signed");
  return s;
}

const mac = (body: string, secret: string) =>
  createHmac("sha256", `playbook-approval:${secret}`).update(body).digest("base64url");

export function hashApprovalToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function signApprovalToken(
  claims: LinkClaims,
  secret?: string,
): { token: string; hash: string } {
  const nonce = randomBytes(12).toString("base64url");
  const body = Buffer.from(
    `${claims.runId}|${claims.decision}|${claims.expiresAt.getTime()}|${nonce}`,
  ).toString("base64url");
  const token = `${body}.${mac(body, appSecret(secret))}`;
  return { token, hash: hashApprovalToken(token) };
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims; hash: string }
  | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** Checks a presented token's shape, signature and expiry; the database check comes after. */
export function verifyApprovalToken(token: unknown, now: Date, secret?: string): LinkCheck {
  if (typeof token !== "string" || !SHAPE.test(token)) return { ok: false, reason: "malformed" };
  const [body = "", sig = ""] = token.split(".");
  const expected = Buffer.from(mac(body, appSecret(secret)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "tampered" };
  const [runId = "", decision = "", expires = ""] = Buffer.from(body, "base64url")
    .toString("utf8")
    .split("|");
  const expiresAt = new Date(Number(expires));
  if (!UUID.test(runId) || (decision !== "approve" && decision !== "reject") || isNaN(+expiresAt))
    return { ok: false, reason: "malformed" };
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { runId, decision, expiresAt }, hash: hashApprovalToken(token) };
}
