import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { ROLE_LABELS } from "@/lib/roles";
import type { userUpdateInput } from "@/lib/schemas/admin";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyUsers } from "../notifications/enqueue";
import { getUserInTenant } from "./list";
import { replaceScope } from "./scope-rows";
import { resolveScopeIds } from "./scope-ids";

export async function updateUser(
  ctx: ServiceCtx,
  input: z.output<typeof userUpdateInput>,
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const before = await getUserInTenant(tx, input.id);
    const isSelf = ctx.actor.type === "user" && ctx.actor.userId === input.id;
    if (isSelf && (input.active === false || (input.role && input.role !== before.role))) {
      throw new ValidationError(
        "You cannot deactivate yourself or change your own role; ask another admin",
      );
    }
    const { id, scope, ...fields } = input;
    if (Object.keys(fields).length) {
      await tx.db
        .update(schema.users)
        .set(fields)
        .where(and(eq(schema.users.id, id), eq(schema.users.tenantId, ctx.tenantId)));
    }
    const beforeScope = scope ? await resolveScopeIds(tx, id) : undefined;
    if (scope) await replaceScope(tx, id, scope);
    const after = await getUserInTenant(tx, id);
    await recordAudit(tx, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: {
        name: before.name,
        role: before.role,
        active: before.active,
        emailNotifications: before.emailNotifications,
        ...(scope ? { scope: beforeScope } : {}),
      },
      after: {
        name: after.name,
        role: after.role,
        active: after.active,
        emailNotifications: after.emailNotifications,
        ...(scope ? { scope } : {}),
      },
    });
    await publish(tx, "user", [id]);
    if (after.role !== before.role) {
      await notifyUsers(
        tx,
        {
          userIds: [id],
          subject: `Your role is now ${ROLE_LABELS[after.role]}`,
          body: `Your Watchfloor role changed from ${ROLE_LABELS[before.role]} to ${ROLE_LABELS[after.role]}; what you can see and do changed with it.`,
          link: "/overview",
          kind: "account",
          dedupeKey: `role-change:${id}:${now.getTime()}`,
        },
        now,
      );
    }
    return after;
  });
}
