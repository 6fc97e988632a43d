import { eq } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";

export async function getTenant(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ id: schema.tenants.id, name: schema.tenants.name, slug: schema.tenants.slug })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, ctx.tenantId))
    .limit(1);
  if (!row) throw new NotFoundError("Tenant");
  return row;
}
