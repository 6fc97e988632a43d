import "server-only";
import { eq } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

export async function resolveScopeIds(ctx: ServiceCtx, userId: string) {
  const rows = await ctx.db
    .select({ siteId: schema.userScopes.siteId, clientId: schema.userScopes.clientId })
    .from(schema.userScopes)
    .where(eq(schema.userScopes.userId, userId));
  return {
    siteIds: rows.flatMap((r) => (r.siteId ? [r.siteId] : [])),
    clientIds: rows.flatMap((r) => (r.clientId ? [r.clientId] : [])),
  };
}
