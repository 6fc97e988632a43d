import { and, eq, inArray } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { publish } from "../live/publish";

type Message = { subject: string; body: string; link?: string; dedupeKey: string };

/**
 * Puts notifications for users in the outbox: one in-app row each, plus an e-mail row for
 * those who receive e-mail. A dedupe key that was used before adds nothing.
 * Returns how many rows were new.
 */
export async function notifyUsers(
  ctx: ServiceCtx,
  input: Message & { userIds: string[] },
): Promise<number> {
  if (!input.userIds.length) return 0;
  const recipients = await ctx.db
    .select({
      id: schema.users.id,
      email: schema.users.email,
      emailNotifications: schema.users.emailNotifications,
    })
    .from(schema.users)
    .where(
      and(
        eq(schema.users.tenantId, ctx.tenantId),
        inArray(schema.users.id, input.userIds),
        eq(schema.users.active, true),
      ),
    );
  const now = new Date();
  const rows = recipients.flatMap((u) => {
    const base = {
      tenantId: ctx.tenantId,
      userId: u.id,
      subject: input.subject,
      body: input.body,
      link: input.link,
    };
    const inApp = {
      ...base,
      channel: "in_app" as const,
      recipient: u.id,
      dedupeKey: `${input.dedupeKey}:in_app:${u.id}`,
      status: "sent" as const,
      sentAt: now,
    };
    const email = {
      ...base,
      channel: "email" as const,
      recipient: u.email,
      dedupeKey: `${input.dedupeKey}:email:${u.id}`,
    };
    return u.emailNotifications ? [inApp, email] : [inApp];
  });
  if (!rows.length) return 0;
  const inserted = await ctx.db
    .insert(schema.notifications)
    .values(rows)
    .onConflictDoNothing({
      target: [schema.notifications.tenantId, schema.notifications.dedupeKey],
    })
    .returning({ id: schema.notifications.id });
  if (inserted.length)
    await publish(
      ctx,
      "notification",
      inserted.map((r) => r.id),
    );
  return inserted.length;
}
