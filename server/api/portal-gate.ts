import "server-only";
import {
  PORTAL_LIMITS,
  resolvePortalToken,
  underLimit,
  type PortalAccess,
} from "@/server/services/vendors/portal";
import { platformContext } from "@/server/services/_core/system";
import { clientAddress } from "./client-address";

/** Whose link is this: a look-up across tenants, before the request has one. */
const linkLookup = platformContext("vendor-link");

/**
 * The link's access, or why not: every miss (unknown, expired, revoked or malformed) counts
 * against the caller's address, and past the limit the address is "limited".
 */
export async function resolveForAddress(
  headers: Headers,
  token: string,
  now: Date,
): Promise<PortalAccess | "invalid" | "limited"> {
  const access = await resolvePortalToken(linkLookup, token, now);
  if (access) return access;
  const ok = await underLimit(
    linkLookup.db,
    `portal:miss:${clientAddress(headers)}`,
    PORTAL_LIMITS.missesPerWindow,
    now,
  );
  return ok ? "invalid" : "limited";
}

/**
 * What the portal page's request gets before the page renders (proxy.ts): "limited" is
 * answered 429 and "invalid" 404 there, so the page itself only ever renders a valid link and
 * a miss is counted once.
 */
export async function portalPageGate(
  headers: Headers,
  token: string,
  now: Date,
): Promise<"ok" | "invalid" | "limited"> {
  const access = await resolveForAddress(headers, token, now);
  return typeof access === "string" ? access : "ok";
}
