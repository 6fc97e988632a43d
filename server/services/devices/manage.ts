import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DeviceKind } from "@/lib/devices";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { isUniqueViolation } from "../_core/errors";
import { publish } from "../live/publish";
import { getSiteInTenant } from "../sites/sites";
import { DEVICE_KEY_PREFIX, forgetTelemetryKeys, GATEWAY_KEY_PREFIX, newKey } from "./keys";

const { devices, gatewayKeys } = schema;

export type DeviceCreate = {
  siteId: string;
  kind: DeviceKind;
  name: string;
  model?: string;
  serial: string;
  installedAt?: Date | null;
};

/** Registers a device at a site and returns its API key, once (only its hash is kept). */
export async function createDevice(ctx: ServiceCtx, input: DeviceCreate, now: Date) {
  requireActorCan(ctx, "device.manage");
  const site = await getSiteInTenant(ctx, input.siteId);
  const key = newKey(DEVICE_KEY_PREFIX);
  try {
    return await inTx(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(devices)
        .values({
          tenantId: ctx.tenantId,
          clientId: site.clientId,
          siteId: site.id,
          kind: input.kind,
          name: input.name,
          model: input.model ?? "",
          serial: input.serial,
          installedAt: input.installedAt ?? now,
          apiKeyPrefix: key.prefix,
          apiKeyHash: key.hash,
        })
        .returning({ id: devices.id });
      if (!row) throw new Error("device not created");
      await recordAudit(tx, {
        action: "device.create",
        entityType: "device",
        entityId: row.id,
        after: { kind: input.kind, name: input.name, serial: input.serial, siteId: site.id },
      });
      await publish(tx, "device", [row.id]);
      return { id: row.id, key: key.key };
    });
  } catch (err) {
    if (isUniqueViolation(err, "devices_tenant_id_serial_idx"))
      throw new ConflictError(`A device with serial ${input.serial} is already registered`);
    throw err;
  }
}

/** Issues a new key for a device; the old one stops working (in every process within 30 s). */
export async function rotateDeviceKey(ctx: ServiceCtx, input: { id: string }) {
  requireActorCan(ctx, "device.manage");
  const key = newKey(DEVICE_KEY_PREFIX);
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(devices)
      .set({ apiKeyPrefix: key.prefix, apiKeyHash: key.hash })
      .where(and(eq(devices.id, input.id), eq(devices.tenantId, ctx.tenantId)))
      .returning({ id: devices.id });
    if (!row) throw new NotFoundError("Device");
    await recordAudit(tx, {
      action: "device.rotate_key",
      entityType: "device",
      entityId: row.id,
      after: { prefix: key.prefix },
    });
    forgetTelemetryKeys();
    return { id: row.id, key: key.key };
  });
}

/** A key for a site's gateway, which posts readings for any device of that site. */
export async function createGatewayKey(ctx: ServiceCtx, input: { siteId: string; name: string }) {
  requireActorCan(ctx, "device.manage");
  const site = await getSiteInTenant(ctx, input.siteId);
  const key = newKey(GATEWAY_KEY_PREFIX);
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(gatewayKeys)
      .values({
        tenantId: ctx.tenantId,
        siteId: site.id,
        name: input.name,
        prefix: key.prefix,
        keyHash: key.hash,
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .returning({ id: gatewayKeys.id });
    if (!row) throw new Error("gateway key not created");
    await recordAudit(tx, {
      action: "gateway_key.create",
      entityType: "gateway_key",
      entityId: row.id,
      after: { name: input.name, siteId: site.id, prefix: key.prefix },
    });
    return { id: row.id, key: key.key };
  });
}

export async function listGatewayKeys(ctx: ServiceCtx) {
  requireActorCan(ctx, "device.manage");
  return ctx.db
    .select({
      id: gatewayKeys.id,
      siteId: gatewayKeys.siteId,
      siteName: schema.sites.name,
      name: gatewayKeys.name,
      prefix: gatewayKeys.prefix,
      revokedAt: gatewayKeys.revokedAt,
      createdAt: gatewayKeys.createdAt,
    })
    .from(gatewayKeys)
    .innerJoin(schema.sites, eq(schema.sites.id, gatewayKeys.siteId))
    .where(eq(gatewayKeys.tenantId, ctx.tenantId))
    .orderBy(desc(gatewayKeys.createdAt));
}

export async function revokeGatewayKey(ctx: ServiceCtx, input: { id: string }, now: Date) {
  requireActorCan(ctx, "device.manage");
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(gatewayKeys)
      .set({ revokedAt: now })
      .where(
        and(
          eq(gatewayKeys.id, input.id),
          eq(gatewayKeys.tenantId, ctx.tenantId),
          isNull(gatewayKeys.revokedAt),
        ),
      )
      .returning({ id: gatewayKeys.id });
    if (!row) throw new NotFoundError("Active gateway key");
    await recordAudit(tx, {
      action: "gateway_key.revoke",
      entityType: "gateway_key",
      entityId: row.id,
      before: { revoked: false },
      after: { revoked: true },
    });
    forgetTelemetryKeys();
  });
}
