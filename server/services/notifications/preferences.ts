import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { NotificationPrefsInput } from "@/lib/schemas/notifications";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx, UserActor } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { inTx } from "../_core/tx";

const u = schema.users;
const own = (ctx: ServiceCtx<UserActor>) =>
  and(eq(u.id, ctx.actor.userId), eq(u.tenantId, ctx.tenantId));

/** The signed-in user's notification choices. */
export async function getNotificationPrefs(ctx: ServiceCtx<UserActor>) {
  const [row] = await ctx.db
    .select({
      kinds: u.notificationPrefs,
      emailDigest: u.emailDigest,
      emailNotifications: u.emailNotifications,
      criticalAlertPing: u.criticalAlertPing,
    })
    .from(u)
    .where(own(ctx));
  if (!row) throw new NotFoundError("User");
  return row;
}

/** Replaces the signed-in user's notification choices (audited). */
export async function updateNotificationPrefs(
  ctx: ServiceCtx<UserActor>,
  input: NotificationPrefsInput,
) {
  return inTx(ctx, async (txCtx) => {
    const tx = { ...txCtx, actor: ctx.actor };
    const before = await getNotificationPrefs(tx);
    await tx.db
      .update(u)
      .set({ notificationPrefs: input.kinds, emailDigest: input.emailDigest })
      .where(own(tx));
    if (input.emailDigest === "off")
      // nothing waits for a digest that will not come: held e-mails go out as they are
      await tx.db
        .update(schema.notifications)
        .set({ status: "pending", nextAttemptAt: sql`now()` })
        .where(
          and(
            eq(schema.notifications.tenantId, ctx.tenantId),
            eq(schema.notifications.userId, ctx.actor.userId),
            eq(schema.notifications.status, "held"),
          ),
        );
    await recordAudit(tx, {
      action: "user.notificationPrefs",
      entityType: "user",
      entityId: ctx.actor.userId,
      before: { kinds: before.kinds, emailDigest: before.emailDigest },
      after: { kinds: input.kinds, emailDigest: input.emailDigest },
    });
    return getNotificationPrefs(tx);
  });
}

/** Turns the NOC page's sound and desktop notification for new alerts scored 80+ on or off (audited). */
export async function setCriticalAlertPing(ctx: ServiceCtx<UserActor>, input: { on: boolean }) {
  return inTx(ctx, async (txCtx) => {
    const tx = { ...txCtx, actor: ctx.actor };
    const before = await getNotificationPrefs(tx);
    await tx.db.update(u).set({ criticalAlertPing: input.on }).where(own(tx));
    await recordAudit(tx, {
      action: "user.notificationPrefs",
      entityType: "user",
      entityId: ctx.actor.userId,
      before: { criticalAlertPing: before.criticalAlertPing },
      after: { criticalAlertPing: input.on },
    });
    return getNotificationPrefs(tx);
  });
}
