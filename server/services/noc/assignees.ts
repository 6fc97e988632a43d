import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { rolesWith } from "@/lib/permissions";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

/** People (those who may work alerts) and groups an alert can be assigned to. */
export async function listAssignees(ctx: ServiceCtx) {
  const [people, teams] = await Promise.all([
    ctx.db
      .select({ id: schema.users.id, name: schema.users.name, role: schema.users.role })
      .from(schema.users)
      .where(
        and(
          eq(schema.users.tenantId, ctx.tenantId),
          eq(schema.users.active, true),
          inArray(schema.users.role, [...rolesWith("alert.work")]),
        ),
      )
      .orderBy(asc(schema.users.name)),
    ctx.db
      .select({ id: schema.groups.id, name: schema.groups.name })
      .from(schema.groups)
      .where(eq(schema.groups.tenantId, ctx.tenantId))
      .orderBy(asc(schema.groups.name)),
  ]);
  return { people, teams };
}
