import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { ApiKeyKind } from "@/lib/permissions";
import { schema, type DbOrTx } from "@/server/db";
import type { PlatformCtx } from "../_core/system";
import { hashApiKey } from "../api-keys/api-keys";

const { devices, gatewayKeys, apiKeys } = schema;

export const DEVICE_KEY_PREFIX = "wfd_";
export const GATEWAY_KEY_PREFIX = "wfg_";
const TENANT_KEY_PREFIX = "wf_";

/** A new key of a kind: shown once, only its hash and first characters are kept. */
export function newKey(prefix: string) {
  const key = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, prefix.length + 6), hash: hashApiKey(key) };
}

/** Who a presented key is: its kind, tenant, and the device or site it speaks for. */
export type TelemetryKey = {
  kind: ApiKeyKind;
  tenantId: string;
  keyId: string;
  label: string;
  /** a device key's own device */
  deviceId: string | null;
  /** a gateway key's site */
  siteId: string | null;
};

/**
 * Keys are looked up at most every 30 s per key and process: at 40 batches a second the
 * lookup would otherwise be a query per batch. A revoked key is refused within that time.
 */
const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;
type Cached = { at: number; hash: Buffer; key: TelemetryKey | null };
const globalCache = globalThis as unknown as { watchfloorTelemetryKeys?: Map<string, Cached> };
const cache = (globalCache.watchfloorTelemetryKeys ??= new Map());

/** Forgets cached keys (a key was revoked or rotated in this process; tests). */
export function forgetTelemetryKeys(): void {
  cache.clear();
}

async function lookUp(db: DbOrTx, key: string, hash: string): Promise<TelemetryKey | null> {
  if (key.startsWith(DEVICE_KEY_PREFIX)) {
    const [d] = await db
      .select({
        id: devices.id,
        tenantId: devices.tenantId,
        name: devices.name,
        siteId: devices.siteId,
      })
      .from(devices)
      .where(and(eq(devices.apiKeyHash, hash), eq(devices.active, true)));
    return d
      ? {
          kind: "device",
          tenantId: d.tenantId,
          keyId: d.id,
          label: `device ${d.name}`,
          deviceId: d.id,
          siteId: d.siteId,
        }
      : null;
  }
  if (key.startsWith(GATEWAY_KEY_PREFIX)) {
    const [g] = await db
      .select({
        id: gatewayKeys.id,
        tenantId: gatewayKeys.tenantId,
        name: gatewayKeys.name,
        siteId: gatewayKeys.siteId,
      })
      .from(gatewayKeys)
      .where(and(eq(gatewayKeys.keyHash, hash), isNull(gatewayKeys.revokedAt)));
    return g
      ? {
          kind: "site_gateway",
          tenantId: g.tenantId,
          keyId: g.id,
          label: `gateway ${g.name}`,
          deviceId: null,
          siteId: g.siteId,
        }
      : null;
  }
  if (key.startsWith(TENANT_KEY_PREFIX)) {
    const [k] = await db
      .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
    return k
      ? {
          kind: "tenant",
          tenantId: k.tenantId,
          keyId: k.id,
          label: `API key ${k.name}`,
          deviceId: null,
          siteId: null,
        }
      : null;
  }
  return null;
}

/**
 * Resolves a presented key (device, site gateway or tenant), or null for an unknown one: a
 * look-up across tenants, before one is known.
 */
export async function authenticateTelemetryKey(
  { db }: PlatformCtx,
  key: string,
  now: Date,
): Promise<TelemetryKey | null> {
  if (key.length > 200) return null;
  const hash = hashApiKey(key);
  const hit = cache.get(hash);
  // the map is keyed by the hash; comparing it again in constant time costs nothing
  if (hit && now.getTime() - hit.at < CACHE_MS && hit.at <= now.getTime()) {
    if (timingSafeEqual(hit.hash, Buffer.from(hash, "hex"))) return hit.key;
  }
  const found = await lookUp(db, key, hash);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(hash, { at: now.getTime(), hash: Buffer.from(hash, "hex"), key: found });
  return found;
}
