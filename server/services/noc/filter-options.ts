import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { can } from "@/lib/permissions";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { alertVisibility } from "./access";

const { clients, groups, groupMembers } = schema;

/**
 * What the queue's client and group filters offer: the tenant's clients, and the groups
 * whose alerts the actor sees (a specialist only their own). Sites come per client from
 * `site.list`, as a large tenant has a thousand of them.
 */
export async function queueFilterOptions(ctx: ServiceCtx) {
  await alertVisibility(ctx); // refuses roles without the queue
  const specialist = ctx.actor.type === "user" && !can(ctx.actor.role, "alert.triage");
  const [clientRows, groupRows] = await Promise.all([
    ctx.db
      .select({ id: clients.id, name: clients.name })
      .from(clients)
      .where(eq(clients.tenantId, ctx.tenantId))
      .orderBy(asc(clients.name)),
    ctx.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(
        and(
          eq(groups.tenantId, ctx.tenantId),
          specialist && ctx.actor.type === "user"
            ? inArray(
                groups.id,
                ctx.db
                  .select({ id: groupMembers.groupId })
                  .from(groupMembers)
                  .where(
                    and(
                      eq(groupMembers.tenantId, ctx.tenantId),
                      eq(groupMembers.userId, ctx.actor.userId),
                    ),
                  ),
              )
            : undefined,
        ),
      )
      .orderBy(asc(groups.name)),
  ]);
  return { clients: clientRows, groups: groupRows };
}
