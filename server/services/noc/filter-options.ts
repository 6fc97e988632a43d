import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { alertViewer } from "./access";

const { clients, groups } = schema;

/**
 * What the queue's client and group filters offer: the tenant's clients, and the groups
 * whose alerts the actor sees (a specialist only their own). Sites come per client from
 * `site.list`, as a large tenant has a thousand of them.
 */
export async function queueFilterOptions(ctx: ServiceCtx) {
  // refuses roles without the queue; the groups are those the queue's own filter applies
  const viewer = await alertViewer(ctx);
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
          viewer.all ? undefined : inArray(groups.id, viewer.groupIds),
        ),
      )
      .orderBy(asc(groups.name)),
  ]);
  /** routedOnly: the queue shows only alerts routed to these groups (a specialist's) */
  return { clients: clientRows, groups: groupRows, routedOnly: !viewer.all };
}
