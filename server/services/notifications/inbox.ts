import "server-only";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx, UserActor } from "../_core/context";
import { publish } from "../live/publish";

const n = schema.notifications;
const mine = (ctx: ServiceCtx<UserActor>) =>
  and(eq(n.tenantId, ctx.tenantId), eq(n.userId, ctx.actor.userId), eq(n.channel, "in_app"));

/**
 * The signed-in user's in-app notifications for the header bell, latest first. Repeats are
 * grouped when written (queue.ts), so `unread` counts groups, each with its `count`.
 */
export async function listInbox(ctx: ServiceCtx<UserActor>, input: { limit: number }) {
  const [items, [unread]] = await Promise.all([
    ctx.db
      .select({
        id: n.id,
        subject: n.subject,
        body: n.body,
        link: n.link,
        kind: n.kind,
        count: n.count,
        createdAt: n.createdAt,
        latestAt: n.latestAt,
        readAt: n.readAt,
      })
      .from(n)
      .where(mine(ctx))
      .orderBy(desc(n.latestAt))
      .limit(input.limit),
    ctx.db
      .select({ value: count() })
      .from(n)
      .where(and(mine(ctx), isNull(n.readAt))),
  ]);
  return { items, unread: unread?.value ?? 0 };
}

/** Marks the user's own unread notifications read: the given ones, or all. */
export async function markRead(ctx: ServiceCtx<UserActor>, input: { ids?: string[] }, now: Date) {
  const updated = await ctx.db
    .update(n)
    .set({ readAt: now })
    .where(and(mine(ctx), isNull(n.readAt), input.ids ? inArray(n.id, input.ids) : undefined))
    .returning({ id: n.id });
  if (updated.length)
    await publish(
      ctx,
      "notification",
      updated.map((r) => r.id),
    );
  return { updated: updated.length };
}
