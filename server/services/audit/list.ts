import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

const { auditLog } = schema;

export async function listEntityTimeline(
  ctx: ServiceCtx,
  input: { entityType: string; entityId: string },
) {
  return ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, ctx.tenantId),
        eq(auditLog.entityType, input.entityType),
        eq(auditLog.entityId, input.entityId),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(200);
}

export async function listRecentAudit(
  ctx: ServiceCtx,
  input: { entityType?: string; before?: number; limit: number },
) {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, ctx.tenantId),
        input.entityType ? eq(auditLog.entityType, input.entityType) : undefined,
        input.before ? lt(auditLog.id, input.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: more ? items.at(-1)?.id : undefined };
}
