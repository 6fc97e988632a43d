import "server-only";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { schema } from "@/server/db";
import type { MailAttachmentRef } from "@/server/db/schema/notifications";
import { afterCommit, type ServiceCtx } from "../_core/context";
import { publish } from "../live/publish";
import { queueFor, queueMany, recipientColumns, type Message, type Recipient } from "./queue";
import { requestDelivery } from "./request-delivery";
import { summarizeOutgoing } from "./summarize";

type Attachments = { attachments?: MailAttachmentRef[] };
type Role = (typeof schema.users.$inferSelect)["role"];

/** The tenant's active users that `where` picks, as notification recipients. */
function activeUsers(ctx: ServiceCtx, where: SQL): Promise<Recipient[]> {
  return ctx.db
    .select(recipientColumns)
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, ctx.tenantId), eq(schema.users.active, true), where));
}

/**
 * Puts notifications for users in the outbox on the channels each chose for the message's
 * kind (queue.ts): by default one in-app row each, plus an e-mail row for those who receive
 * e-mail. A dedupe key that was used before adds nothing. Returns how many were new.
 */
export async function notifyUsers(
  ctx: ServiceCtx,
  input: Message & { userIds: string[] },
  now: Date,
): Promise<number> {
  if (!input.userIds.length) return 0;
  const recipients = await activeUsers(ctx, inArray(schema.users.id, input.userIds));
  return queueFor(ctx, recipients, input, now);
}

/** Notifies the tenant's active users of a role (supervisors, say) as `notifyUsers` does. */
export async function notifyRole(
  ctx: ServiceCtx,
  input: Message & { role: Role },
  now: Date,
): Promise<number> {
  return notifyRoleMany(ctx, input.role, [input], now);
}

/** `notifyRole` for many messages to the same role: its users are read once. */
export async function notifyRoleMany(
  ctx: ServiceCtx,
  role: Role,
  messages: Message[],
  now: Date,
): Promise<number> {
  if (!messages.length) return 0;
  const recipients = await activeUsers(ctx, eq(schema.users.role, role));
  return queueMany(
    ctx,
    messages.map((message) => ({ recipients, message })),
    now,
  );
}

/**
 * Notifies a group: its active members as above, plus one Slack message to the group's
 * webhook (or the tenant's) when either is configured. The group, its webhooks and its
 * members come in one query (this runs for every routed alert).
 */
export async function notifyGroup(
  ctx: ServiceCtx,
  input: Message & { groupId: string; slack?: boolean },
  now: Date,
): Promise<number> {
  return notifyGroupMany(ctx, input.groupId, [input], now);
}

/** `notifyGroup` for many messages to the same group: the group is read once. */
export async function notifyGroupMany(
  ctx: ServiceCtx,
  groupId: string,
  messages: (Message & { slack?: boolean })[],
  now: Date,
): Promise<number> {
  if (!messages.length) return 0;
  const rows = await ctx.db
    .select({
      webhook: schema.groups.slackWebhookUrl,
      tenantWebhook: schema.tenants.slackWebhookUrl,
      ...recipientColumns,
    })
    .from(schema.groups)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.groups.tenantId))
    .leftJoin(schema.groupMembers, eq(schema.groupMembers.groupId, schema.groups.id))
    .leftJoin(
      schema.users,
      and(
        eq(schema.users.id, schema.groupMembers.userId),
        eq(schema.users.tenantId, schema.groups.tenantId),
        eq(schema.users.active, true),
      ),
    )
    .where(and(eq(schema.groups.id, groupId), eq(schema.groups.tenantId, ctx.tenantId)));
  const [group] = rows;
  if (!group) return 0;
  const members = rows.flatMap((r) =>
    r.id &&
    r.email !== null &&
    r.emailNotifications !== null &&
    r.notificationPrefs !== null &&
    r.emailDigest !== null
      ? [
          {
            id: r.id,
            email: r.email,
            emailNotifications: r.emailNotifications,
            notificationPrefs: r.notificationPrefs,
            emailDigest: r.emailDigest,
          },
        ]
      : [],
  );
  let added = await queueMany(
    ctx,
    messages.map((message) => ({ recipients: members, message })),
    now,
  );
  const toSlack = messages.filter((m) => m.slack !== false);
  if ((group.webhook || group.tenantWebhook) && toSlack.length) {
    const slack = await ctx.db
      .insert(schema.notifications)
      .values(
        summarizeOutgoing(
          toSlack.map((m) => ({
            tenantId: ctx.tenantId,
            channel: "slack" as const,
            recipient: `group:${groupId}`,
            subject: m.subject,
            body: m.body,
            link: m.link,
            kind: m.kind ?? "other",
            dedupeKey: `${m.dedupeKey}:slack:${groupId}`,
          })),
        ),
      )
      .onConflictDoNothing({
        target: [schema.notifications.tenantId, schema.notifications.dedupeKey],
      })
      .returning({ id: schema.notifications.id });
    added += slack.length;
    if (slack.length)
      afterCommit(ctx, () =>
        requestDelivery(
          ctx.tenantId,
          slack.map((r) => r.id),
        ),
      );
  }
  return added;
}

/**
 * An e-mail to an address outside the tenant's users (a vendor): queued in the outbox and
 * delivered like any other, once per dedupe key.
 */
export async function notifyEmail(
  ctx: ServiceCtx,
  input: Message & Attachments & { to: string },
): Promise<number> {
  const inserted = await ctx.db
    .insert(schema.notifications)
    .values({
      tenantId: ctx.tenantId,
      channel: "email",
      recipient: input.to,
      userId: null,
      subject: input.subject,
      body: input.body,
      link: input.link,
      attachments: input.attachments ?? [],
      dedupeKey: `${input.dedupeKey}:email:${input.to}`,
    })
    .onConflictDoNothing({
      target: [schema.notifications.tenantId, schema.notifications.dedupeKey],
    })
    .returning({ id: schema.notifications.id });
  if (inserted.length) {
    await publish(
      ctx,
      "notification",
      inserted.map((r) => r.id),
    );
    afterCommit(ctx, () =>
      requestDelivery(
        ctx.tenantId,
        inserted.map((r) => r.id),
      ),
    );
  }
  return inserted.length;
}

/**
 * One Slack message to the tenant's own webhook, when it has one (messages for no group in
 * particular: a playbook's approval request). Nothing is queued without a webhook.
 */
export async function notifyTenantSlack(ctx: ServiceCtx, input: Message): Promise<number> {
  const [tenant] = await ctx.db
    .select({ webhook: schema.tenants.slackWebhookUrl })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, ctx.tenantId));
  if (!tenant?.webhook) return 0;
  const inserted = await ctx.db
    .insert(schema.notifications)
    .values({
      tenantId: ctx.tenantId,
      channel: "slack",
      recipient: "tenant",
      subject: input.subject,
      body: input.body,
      link: input.link,
      dedupeKey: `${input.dedupeKey}:slack:tenant`,
    })
    .onConflictDoNothing({
      target: [schema.notifications.tenantId, schema.notifications.dedupeKey],
    })
    .returning({ id: schema.notifications.id });
  if (inserted.length)
    afterCommit(ctx, () =>
      requestDelivery(
        ctx.tenantId,
        inserted.map((r) => r.id),
      ),
    );
  return inserted.length;
}
