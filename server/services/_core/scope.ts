import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { can, type Capability } from "@/lib/permissions";
import { SCOPED_ROLES, SELF_ONLY_ROLES, type Role } from "@/lib/roles";
import { schema, type DbOrTx } from "@/server/db";
import type { Scope, ServiceCtx } from "./context";
import { ForbiddenError } from "./errors";

/** Resolves a user's scope: site managers and executives limited to their sites/clients. */
export async function resolveScope(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  role: Role,
): Promise<Scope> {
  // a guard reaches no site's or client's rows, only their own shifts (services/shifts/guard.ts)
  if (SELF_ONLY_ROLES.includes(role))
    return { all: false, siteIds: [], clientIds: [], visibleClientIds: [] };
  if (!SCOPED_ROLES.includes(role)) return { all: true };
  const rows = await db
    .select({ siteId: schema.userScopes.siteId, clientId: schema.userScopes.clientId })
    .from(schema.userScopes)
    .where(and(eq(schema.userScopes.tenantId, tenantId), eq(schema.userScopes.userId, userId)));
  // An executive with no scope rows sees every client ("their clients (or all)").
  if (role === "executive" && rows.length === 0) return { all: true };
  const clientIds = rows.flatMap((r) => (r.clientId ? [r.clientId] : []));
  const direct = rows.flatMap((r) => (r.siteId ? [r.siteId] : []));
  const sites =
    clientIds.length || direct.length
      ? await db
          .select({ id: schema.sites.id, clientId: schema.sites.clientId })
          .from(schema.sites)
          .where(
            and(
              eq(schema.sites.tenantId, tenantId),
              or(
                clientIds.length ? inArray(schema.sites.clientId, clientIds) : undefined,
                direct.length ? inArray(schema.sites.id, direct) : undefined,
              ),
            ),
          )
      : [];
  return {
    all: false,
    siteIds: [...new Set(sites.map((s) => s.id))],
    clientIds,
    visibleClientIds: [...new Set([...clientIds, ...sites.map((s) => s.clientId)])],
  };
}

function scopeOf(ctx: ServiceCtx): Scope {
  return ctx.actor.type === "user" ? ctx.actor.scope : { all: true };
}

/** SQL condition limiting rows with a site column to the actor's sites. */
export function siteScopeFilter(ctx: ServiceCtx, siteColumn: AnyPgColumn): SQL | undefined {
  const scope = scopeOf(ctx);
  if (scope.all) return undefined;
  return scope.siteIds.length ? inArray(siteColumn, scope.siteIds) : sql`false`;
}

/** SQL condition limiting rows with a client column (and optionally a site column) to the actor's scope. */
export function clientScopeFilter(
  ctx: ServiceCtx,
  clientColumn: AnyPgColumn,
  siteColumn?: AnyPgColumn,
): SQL | undefined {
  const scope = scopeOf(ctx);
  if (scope.all) return undefined;
  const conds: SQL[] = [];
  if (scope.clientIds.length) conds.push(inArray(clientColumn, scope.clientIds));
  if (siteColumn && scope.siteIds.length) conds.push(inArray(siteColumn, scope.siteIds));
  return conds.length ? or(...conds) : sql`false`;
}

/** SQL condition limiting client rows to the clients whose name and plan the actor may read. */
export function visibleClientFilter(ctx: ServiceCtx, clientColumn: AnyPgColumn): SQL | undefined {
  const scope = scopeOf(ctx);
  if (scope.all) return undefined;
  return scope.visibleClientIds.length ? inArray(clientColumn, scope.visibleClientIds) : sql`false`;
}

/** A user acting must hold the capability (lib/permissions.ts); jobs, tokens and keys act within their own checks. */
export function requireActorCan(ctx: ServiceCtx, capability: Capability, message?: string): void {
  if (ctx.actor.type === "user" && !can(ctx.actor.role, capability))
    throw new ForbiddenError(message);
}
