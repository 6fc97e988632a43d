import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import { forTenant, type JobCtx, type PlatformCtx } from "../_core/system";
import { publish } from "../live/publish";
import { renderMailAttachments } from "../scorecards/mail-attachments";
import {
  appBaseUrl,
  mailFrom,
  mailTransport,
  PermanentError,
  postToSlack,
  slackMessage,
} from "./channels";
import { rawRows } from "@/server/db/raw";

export const DELIVERY = {
  maxAttempts: 6,
  /** a claimed notification is left alone this long before another deliverer may retry it */
  leaseSeconds: 120,
};

/** Backoff after failed attempt `n`: base·2^(n-1) — 30 s, 1, 2, 4, 8 min by default. */
export function nextAttemptDelayMs(attempts: number, baseMs = retryBaseMs()): number {
  return baseMs * 2 ** Math.max(0, attempts - 1);
}

type Row = typeof schema.notifications.$inferSelect;

async function resolveSlackWebhook(db: DbOrTx, row: Row): Promise<string | null> {
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

function retryBaseMs(): number {
  const configured = Number(process.env.NOTIFY_RETRY_BASE_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 30_000;
}

async function send(db: DbOrTx, row: Row): Promise<"smtp" | "dev_mailbox" | "slack"> {
  if (row.channel === "email") {
    const transport = mailTransport();
    if (!transport) return "dev_mailbox";
    await transport.sendMail({
      from: mailFrom(),
      to: row.recipient,
      subject: row.subject,
      text: row.link ? `${row.body}\n\n${appBaseUrl()}${row.link}` : row.body,
      attachments: await renderMailAttachments(db, row.tenantId, row.attachments),
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
 * Delivers pending e-mail and Slack notifications that are due (or the given ones): every
 * tenant's with a platform context, one tenant's with a job context of that tenant. Each is
 * claimed on its own just before it is sent (a lease of `leaseSeconds`, far longer than one
 * send may take), so two deliverers never send the same one; a failure is retried with
 * backoff until the last attempt, then shown as failed with its error.
 *
 * Backoff and sentAt follow `now`. Claim and lease both read "the present" as the later of
 * `now` and the database clock: rows are stamped by the column default (the database clock),
 * so a `now` a little behind it must not leave a fresh row undelivered; and `now` may be read
 * well before a long batch claims its last rows (or be memoised by a retried step), where a
 * lease that had already run out would let a second deliverer send the same notification.
 */
export async function deliverNotifications(
  ctx: PlatformCtx | JobCtx,
  input: { ids?: string[]; limit?: number },
  now: Date,
): Promise<{ sent: number; retrying: number; failed: number }> {
  const { db } = ctx;
  const counts = { sent: 0, retrying: 0, failed: 0 };
  if (input.ids && !input.ids.length) return counts;
  const n = schema.notifications;
  const limit = input.limit ?? 200;
  const onlyIds = input.ids ? sql`and id = any(${`{${input.ids.join(",")}}`}::uuid[])` : sql``;
  const onlyTenant = ctx.tenantId ? sql`and tenant_id = ${ctx.tenantId}` : sql``;
  const present = sql`greatest(now(), ${now.toISOString()}::timestamptz)`;
  const touched = new Map<string, string[]>();
  for (let i = 0; i < limit; i++) {
    const [row] = await rawRows<{
      id: string;
      tenantId: string;
      attempts: number;
    }>(
      db,
      sql`
      update ${n} set attempts = attempts + 1, next_attempt_at = ${present} + ${`${DELIVERY.leaseSeconds} seconds`}::interval
      where id = (
        select id from ${n}
        where status = 'pending' and channel in ('email', 'slack') and next_attempt_at <= ${present} ${onlyIds} ${onlyTenant}
        order by next_attempt_at
        limit 1
        for update skip locked
      )
      returning id, tenant_id as "tenantId", attempts`,
    );
    if (!row) break;
    const [full] = await db.select().from(n).where(eq(n.id, row.id));
    if (!full) continue;
    let via: Awaited<ReturnType<typeof send>> | null = null;
    let failure: unknown = null;
    try {
      via = await send(db, full);
    } catch (err) {
      failure = err;
    }
    if (via) {
      // sent: from here on an error must not make it look unsent (it would go out again)
      await db
        .update(n)
        .set({
          status: "sent",
          sentAt: now,
          deliveredVia: via,
          lastError: null,
          body: redactPortalLinks(n.body),
        })
        .where(eq(n.id, row.id));
      counts.sent += 1;
    } else {
      const message = failure instanceof Error ? failure.message : String(failure);
      const final = failure instanceof PermanentError || row.attempts >= DELIVERY.maxAttempts;
      await db
        .update(n)
        .set(
          final
            ? { status: "failed", lastError: message, body: redactPortalLinks(n.body) }
            : {
                lastError: message,
                nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(row.attempts)),
              },
        )
        .where(eq(n.id, row.id));
      if (final) counts.failed += 1;
      else counts.retrying += 1;
    }
    touched.set(row.tenantId, [...(touched.get(row.tenantId) ?? []), row.id]);
  }
  for (const [tenantId, ids] of touched) {
    await publish(forTenant(ctx, tenantId), "notification", ids);
  }
  return counts;
}

/**
 * Vendor portal links are bearer tokens stored only hashed; the e-mail carrying one keeps it
 * in the outbox only until it is delivered (or given up on), so the outbox never becomes a
 * list of live links.
 */
function redactPortalLinks(body: typeof schema.notifications.body) {
  return sql`regexp_replace(${body}, '/v/[A-Za-z0-9_-]{20,}', '/v/[link removed after delivery]', 'g')`;
}
