import { randomUUID } from "node:crypto";
import type { DeviceKind } from "@/lib/devices";
import { createDevice, createGatewayKey } from "@/server/services/devices/manage";
import { ctxFor, type TestTenant } from "./factories";

/** A device registered at one of the tenant's sites, with its key. */
export async function createTestDevice(
  t: TestTenant,
  opts: { site?: number; kind?: DeviceKind; name?: string; installedAt?: Date } = {},
) {
  const site = t.sites[opts.site ?? 0];
  if (!site) throw new Error("no such site");
  const serial = `SN-${randomUUID().slice(0, 8)}`;
  const ctx = await ctxFor(t.users.admin);
  const { id, key } = await createDevice(
    ctx,
    {
      siteId: site.id,
      kind: opts.kind ?? "sensor",
      name: opts.name ?? `Device ${serial}`,
      serial,
      installedAt: opts.installedAt ?? new Date("2026-01-01T00:00:00Z"),
    },
    new Date(),
  );
  return { id, key, serial, siteId: site.id, clientId: site.clientId };
}

/** A gateway key for one of the tenant's sites. */
export async function createTestGatewayKey(t: TestTenant, site = 0) {
  const s = t.sites[site];
  if (!s) throw new Error("no such site");
  return (await createGatewayKey(await ctxFor(t.users.admin), { siteId: s.id, name: "gw" })).key;
}
