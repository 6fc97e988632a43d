import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ForbiddenError, NotFoundError } from "../_core/errors";

const { alerts, groupMembers } = schema;

/** Who may see which alerts: the NOC roles all of the tenant's, specialists their groups'. */
export async function alertVisibility(ctx: ServiceCtx): Promise<SQL | undefined> {
  if (ctx.actor.type !== "user") return undefined;
  const role = ctx.actor.role;
  if (role === "admin" || role === "supervisor" || role === "noc_operator") return undefined;
  if (role === "specialist") {
    const mine = await ctx.db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(
        and(eq(groupMembers.tenantId, ctx.tenantId), eq(groupMembers.userId, ctx.actor.userId)),
      );
    const ids = mine.map((m) => m.groupId);
    return ids.length ? inArray(alerts.assignedGroupId, ids) : isNull(alerts.id);
  }
  throw new ForbiddenError("Your role does not include the NOC queue");
}

/** Fetch-or-throw: an alert of this tenant that the actor may see. */
export async function getAlertInTenant(ctx: ServiceCtx, id: string) {
  const visible = await alertVisibility(ctx);
  const [row] = await ctx.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.tenantId, ctx.tenantId), visible));
  if (!row) throw new NotFoundError("Alert");
  return row;
}
