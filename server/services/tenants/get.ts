import "server-only";
import { eq } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import type { PlatformCtx } from "../_core/system";

export async function getTenant(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ id: schema.tenants.id, name: schema.tenants.name, slug: schema.tenants.slug })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, ctx.tenantId))
    .limit(1);
  if (!row) throw new NotFoundError("Tenant");
  return row;
}

/** Every tenant's id: for jobs that work through all of them. */
export async function listTenantIds(ctx: PlatformCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .orderBy(schema.tenants.slug);
  return rows.map((r) => r.id);
}
