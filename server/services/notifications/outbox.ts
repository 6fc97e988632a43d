import "server-only";
import { and, desc, eq, lt, ne } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

const n = schema.notifications;

/**
 * The tenant's outgoing e-mail and Slack notifications, newest first: delivery status for
 * admins, and the dev mailbox (e-mail kept readable when no SMTP server is configured).
 */
export async function listOutbox(
  ctx: ServiceCtx,
  input: {
    channel?: "email" | "slack";
    status?: "pending" | "sent" | "failed";
    before?: Date;
    limit: number;
  },
) {
  const rows = await ctx.db
    .select({
      id: n.id,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      link: n.link,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      nextAttemptAt: n.nextAttemptAt,
      deliveredVia: n.deliveredVia,
      sentAt: n.sentAt,
      createdAt: n.createdAt,
    })
    .from(n)
    .where(
      and(
        eq(n.tenantId, ctx.tenantId),
        // in-app rows outnumber the rest (one per recipient and item): left out here, not
        // after the limit, or a page of them leaves the outbox showing next to nothing
        input.channel ? eq(n.channel, input.channel) : ne(n.channel, "in_app"),
        input.status ? eq(n.status, input.status) : undefined,
        input.before ? lt(n.createdAt, input.before) : undefined,
      ),
    )
    .orderBy(desc(n.createdAt))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)?.createdAt : undefined };
}
