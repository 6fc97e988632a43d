import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import type { PlatformCtx } from "../_core/system";
import { inTx } from "../_core/tx";

const { apiKeys } = schema;
const PREFIX = "wf_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function listApiKeys(ctx: ServiceCtx) {
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, ctx.tenantId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Creates a key and returns it whole, once; only its hash is kept. */
export async function createApiKey(ctx: ServiceCtx, input: { name: string }) {
  const key = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        tenantId: ctx.tenantId,
        name: input.name,
        prefix: key.slice(0, PREFIX.length + 6),
        keyHash: hashApiKey(key),
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "api_key.create",
      entityType: "api_key",
      entityId: row.id,
      after: { name: input.name, prefix: row.prefix },
    });
    return { id: row.id, key };
  });
}

export async function revokeApiKey(ctx: ServiceCtx, input: { id: string }, now: Date) {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiKeys.id, input.id),
          eq(apiKeys.tenantId, ctx.tenantId),
          isNull(apiKeys.revokedAt),
        ),
      )
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!row) throw new NotFoundError("Active API key");
    await recordAudit(tx, {
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: row.id,
      before: { revoked: false },
      after: { revoked: true },
    });
  });
}

/**
 * "Last used" is kept to the minute: writing it on every request made each request through a
 * key wait for the one row's lock and a commit (a panel sending 50 alerts a second).
 */
export const KEY_LAST_USED_MS = 60_000;

/**
 * Resolves a presented key to its tenant and an API-key actor, or null: a look-up across
 * tenants, before one is known.
 */
export async function authenticateApiKey({ db }: PlatformCtx, key: string, now: Date) {
  if (!key.startsWith(PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      name: apiKeys.name,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const stale = new Date(now.getTime() - KEY_LAST_USED_MS);
  if (!row.lastUsedAt || row.lastUsedAt <= stale) {
    // requests that arrive while one writes it skip the row instead of queueing for its lock:
    // at 50 alerts a second, each of 1,435 requests waited 23 ms for the one before it
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        inArray(
          apiKeys.id,
          db
            .select({ id: apiKeys.id })
            .from(apiKeys)
            .where(
              and(
                eq(apiKeys.id, row.id),
                or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale)),
              ),
            )
            .for("update", { skipLocked: true }),
        ),
      );
  }
  return {
    tenantId: row.tenantId,
    actor: { type: "apiKey" as const, keyId: row.id, name: row.name },
  };
}
