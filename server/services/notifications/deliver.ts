import { and, eq, sql } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { systemCtx } from "../_core/context";
import { publish } from "../live/publish";
import { mailFrom, mailTransport, postToSlack, slackMessage, appBaseUrl } from "./channels";

export const DELIVERY = {
  maxAttempts: 6,
  /** a claimed notification is left alone this long before another deliverer may retry it */
  leaseSeconds: 120,
};

/** Backoff after failed attempt `n`: base·2^(n-1) — 30 s, 1, 2, 4, 8 min by default. */
export function nextAttemptDelayMs(
  attempts: number,
  baseMs = Number(process.env.NOTIFY_RETRY_BASE_MS ?? 30_000),
): number {
  return baseMs * 2 ** Math.max(0, attempts - 1);
}

type Row = typeof schema.notifications.$inferSelect;

async function resolveSlackWebhook(db: Db, row: Row): Promise<string | null> {
  const groupId = row.recipient.startsWith("group:") ? row.recipient.slice(6) : null;
  if (groupId) {
    const [group] = await db
      .select({ url: schema.groups.slackWebhookUrl })
      .from(schema.groups)
      .where(and(eq(schema.groups.id, groupId), eq(schema.groups.tenantId, row.tenantId)));
    if (group?.url) return group.url;
  }
  const [tenant] = await db
    .select({ url: schema.tenants.slackWebhookUrl })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, row.tenantId));
  return tenant?.url ?? null;
}

class PermanentError extends Error {}

async function send(db: Db, row: Row): Promise<"smtp" | "dev_mailbox" | "slack"> {
  if (row.channel === "email") {
    const transport = mailTransport();
    if (!transport) return "dev_mailbox";
    await transport.sendMail({
      from: mailFrom(),
      to: row.recipient,
      subject: row.subject,
      text: row.link ? `${row.body}\n\n${appBaseUrl()}${row.link}` : row.body,
      // a stable id lets mail servers drop the rare resend after a crash mid-delivery
      messageId: `<${row.id}@watchfloor>`,
    });
    return "smtp";
  }
  const webhook = await resolveSlackWebhook(db, row);
  if (!webhook)
    throw new PermanentError("No Slack webhook is configured for the group or the tenant");
  await postToSlack(webhook, slackMessage(row.subject, row.body, row.link));
  return "slack";
}

/**
 * Delivers pending e-mail and Slack notifications that are due (or the given ones). Each is
 * claimed first, so two deliverers never send the same one; a failure is retried with
 * backoff until the last attempt, then shown as failed with its error.
 */
export async function deliverNotifications(
  db: Db,
  input: { ids?: string[]; limit?: number } = {},
): Promise<{ sent: number; retrying: number; failed: number }> {
  const n = schema.notifications;
  const limit = input.limit ?? 200;
  const onlyIds = input.ids?.length
    ? sql`and id = any(${`{${input.ids.join(",")}}`}::uuid[])`
    : sql``;
  const claimed = (await db.execute(sql`
    update ${n} set attempts = attempts + 1, next_attempt_at = now() + ${`${DELIVERY.leaseSeconds} seconds`}::interval
    where id in (
      select id from ${n}
      where status = 'pending' and channel in ('email', 'slack') and next_attempt_at <= now() ${onlyIds}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning id`)) as unknown as { id: string }[];
  const counts = { sent: 0, retrying: 0, failed: 0 };
  const touched = new Map<string, string[]>();
  for (const { id } of claimed) {
    const [row] = await db.select().from(n).where(eq(n.id, id));
    if (!row) continue;
    try {
      const via = await send(db, row);
      await db
        .update(n)
        .set({ status: "sent", sentAt: new Date(), deliveredVia: via, lastError: null })
        .where(eq(n.id, id));
      counts.sent += 1;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = err instanceof PermanentError || row.attempts >= DELIVERY.maxAttempts;
      await db
        .update(n)
        .set(
          final
            ? { status: "failed", lastError: message }
            : {
                lastError: message,
                nextAttemptAt: new Date(Date.now() + nextAttemptDelayMs(row.attempts)),
              },
        )
        .where(eq(n.id, id));
      if (final) counts.failed += 1;
      else counts.retrying += 1;
    }
    touched.set(row.tenantId, [...(touched.get(row.tenantId) ?? []), id]);
  }
  for (const [tenantId, ids] of touched)
    await publish(systemCtx(tenantId, "deliver-notifications", db), "notification", ids);
  return counts;
}
