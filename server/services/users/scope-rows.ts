import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";

/** Replaces a user's scope, after checking every site and client belongs to the tenant. */
export async function replaceScope(
  ctx: ServiceCtx,
  userId: string,
  scope: { siteIds: string[]; clientIds: string[] },
): Promise<void> {
  const siteIds = [...new Set(scope.siteIds)];
  const clientIds = [...new Set(scope.clientIds)];
  if (siteIds.length) {
    const found = await ctx.db
      .select({ id: schema.sites.id })
      .from(schema.sites)
      .where(and(eq(schema.sites.tenantId, ctx.tenantId), inArray(schema.sites.id, siteIds)));
    if (found.length !== siteIds.length)
      throw new ValidationError("A site in the scope does not exist", "scope");
  }
  if (clientIds.length) {
    const found = await ctx.db
      .select({ id: schema.clients.id })
      .from(schema.clients)
      .where(and(eq(schema.clients.tenantId, ctx.tenantId), inArray(schema.clients.id, clientIds)));
    if (found.length !== clientIds.length)
      throw new ValidationError("A client in the scope does not exist", "scope");
  }
  await ctx.db
    .delete(schema.userScopes)
    .where(and(eq(schema.userScopes.tenantId, ctx.tenantId), eq(schema.userScopes.userId, userId)));
  const rows = [
    ...siteIds.map((siteId) => ({ tenantId: ctx.tenantId, userId, siteId })),
    ...clientIds.map((clientId) => ({ tenantId: ctx.tenantId, userId, clientId })),
  ];
  if (rows.length) await ctx.db.insert(schema.userScopes).values(rows);
}
