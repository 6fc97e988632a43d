import "server-only";
import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { can } from "@/lib/permissions";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ForbiddenError, NotFoundError } from "../_core/errors";

const { alerts, groupMembers } = schema;

/** Which alerts an actor sees: all of the tenant's, or only those routed to some groups. */
export type AlertViewer = { all: true } | { all: false; groupIds: string[] };

/** Who may see which alerts: those who triage all of the tenant's, the others (specialists) their groups'. */
export async function alertViewer(ctx: ServiceCtx): Promise<AlertViewer> {
  if (ctx.actor.type !== "user") return { all: true };
  const role = ctx.actor.role;
  if (can(role, "alert.triage")) return { all: true };
  if (can(role, "alert.view")) {
    const mine = await ctx.db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(
        and(eq(groupMembers.tenantId, ctx.tenantId), eq(groupMembers.userId, ctx.actor.userId)),
      );
    return { all: false, groupIds: mine.map((m) => m.groupId) };
  }
  throw new ForbiddenError("Your role does not include the NOC queue");
}

/** Viewers with the same key see the same alerts (what is computed for one serves all). */
export function viewerKey(viewer: AlertViewer): string {
  return viewer.all ? "all" : [...viewer.groupIds].sort().join(",");
}

/** A viewer as a condition on `alerts` (undefined: no restriction). */
export function viewerCondition(viewer: AlertViewer): SQL | undefined {
  if (viewer.all) return undefined;
  return viewer.groupIds.length
    ? inArray(alerts.assignedGroupId, viewer.groupIds)
    : isNull(alerts.id);
}

/** The alerts the actor may see, as a condition on `alerts`. */
export async function alertVisibility(ctx: ServiceCtx): Promise<SQL | undefined> {
  return viewerCondition(await alertViewer(ctx));
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

/**
 * The alerts among `ids` of this tenant that the actor may see, locked for update until the
 * transaction ends (so two people acting on the same alerts at once go one after the other).
 */
export async function lockAlertsInTenant(ctx: ServiceCtx, ids: string[]) {
  if (!ids.length) return [];
  const visible = await alertVisibility(ctx);
  return (
    ctx.db
      .select()
      .from(alerts)
      .where(and(inArray(alerts.id, ids), eq(alerts.tenantId, ctx.tenantId), visible))
      // always in the same order, so two bulk actions over the same alerts cannot deadlock
      .orderBy(alerts.id)
      .for("update")
  );
}
