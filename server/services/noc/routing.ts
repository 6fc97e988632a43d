import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { ALERT_TYPES, type AlertType } from "@/lib/noc";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { getGroupInTenant } from "../groups/groups";
import { publish } from "../live/publish";
import { DEFAULT_ROUTES } from "./triage";

const { routingRules, groups } = schema;

/** Every alert type with the group it routes to: the tenant's rule, or the default by name. */
export async function listRoutingRules(ctx: ServiceCtx) {
  const [rules, tenantGroups] = await Promise.all([
    ctx.db.select().from(routingRules).where(eq(routingRules.tenantId, ctx.tenantId)),
    ctx.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(eq(groups.tenantId, ctx.tenantId)),
  ]);
  return ALERT_TYPES.map((type) => {
    const rule = rules.find((r) => r.type === type);
    const fallback = DEFAULT_ROUTES[type];
    const group = rule
      ? tenantGroups.find((g) => g.id === rule.groupId)
      : fallback
        ? tenantGroups.find((g) => g.name === fallback)
        : undefined;
    return { type, groupId: group?.id ?? null, groupName: group?.name ?? null, isDefault: !rule };
  });
}

/** Sets (or with null, clears back to the default) the group an alert type routes to. */
export async function setRoutingRule(
  ctx: ServiceCtx,
  input: { type: AlertType; groupId: string | null },
) {
  return inTx(ctx, async (tx) => {
    const before = (await listRoutingRules(tx)).find((r) => r.type === input.type);
    if (input.groupId) {
      await getGroupInTenant(tx, input.groupId);
      await tx.db
        .insert(routingRules)
        .values({ tenantId: ctx.tenantId, type: input.type, groupId: input.groupId })
        .onConflictDoUpdate({
          target: [routingRules.tenantId, routingRules.type],
          set: { groupId: input.groupId },
        });
    } else {
      await tx.db
        .delete(routingRules)
        .where(
          and(eq(routingRules.tenantId, ctx.tenantId), inArray(routingRules.type, [input.type])),
        );
    }
    const after = (await listRoutingRules(tx)).find((r) => r.type === input.type);
    await recordAudit(tx, {
      action: "routing.update",
      entityType: "routing",
      entityId: input.type,
      before: { group: before?.groupName ?? null, default: before?.isDefault },
      after: { group: after?.groupName ?? null, default: after?.isDefault },
    });
    await publish(tx, "alert", null);
    return after;
  });
}
