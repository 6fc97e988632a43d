import "server-only";
import { sql } from "drizzle-orm";
import { schema } from "@/server/db";
import {
  channelsFor,
  type EmailDigest,
  type NotificationKind,
  type NotificationPrefs,
} from "@/lib/notifications";
import { afterCommit, type ServiceCtx } from "../_core/context";
import { publish } from "../live/publish";
import { requestDelivery } from "./request-delivery";
import { summarizeOutgoing } from "./summarize";

const n = schema.notifications;

export type Message = {
  subject: string;
  body: string;
  link?: string;
  dedupeKey: string;
  /** what it is about, for the recipient's per-kind choice; "other" when not given */
  kind?: NotificationKind;
  /**
   * The alert, ticket or work order it is about ("alert:<id>"): unread in-app notifications of
   * one recipient, kind and entity fold into one row with a count. None: never grouped.
   */
  entity?: string;
  /** the channels the sender asks for (a playbook step's choice); each recipient's own choice still applies */
  channels?: readonly ("in_app" | "email")[];
};

export type Recipient = {
  id: string;
  email: string;
  emailNotifications: boolean;
  notificationPrefs: NotificationPrefs;
  emailDigest: EmailDigest;
};

export const recipientColumns = {
  id: schema.users.id,
  email: schema.users.email,
  emailNotifications: schema.users.emailNotifications,
  notificationPrefs: schema.users.notificationPrefs,
  emailDigest: schema.users.emailDigest,
};

type Insert = typeof n.$inferInsert;

/**
 * Queues one message for each recipient on the channels they chose for its kind: in-app
 * (grouped), e-mail (held for their digest when they take one) and Slack (the tenant's
 * webhook). A dedupe key used before adds nothing. Returns how many notifications were new
 * (a grouped one counts though it only bumped a row).
 */
export async function queueFor(
  ctx: ServiceCtx,
  recipients: Recipient[],
  input: Message,
  now: Date,
): Promise<number> {
  return queueMany(ctx, [{ recipients, message: input }], now);
}

/** Rows per insert: well under the protocol's 65,535 parameters at ~15 columns a row. */
const ROWS_PER_INSERT = 2_000;

/**
 * `queueFor` for many messages at once (an escalation clock's batch): the same rows, keys and
 * grouping as queueing each in turn, written in a few statements instead of a few per message.
 */
export async function queueMany(
  ctx: ServiceCtx,
  batch: { recipients: Recipient[]; message: Message }[],
  now: Date,
): Promise<number> {
  const inApp: Insert[] = [];
  const outgoing: Insert[] = [];
  for (const { recipients, message: input } of batch) {
    const kind = input.kind ?? "other";
    const groupKey = input.entity ? `${kind}:${input.entity}` : null;
    const base = { tenantId: ctx.tenantId, subject: input.subject, body: input.body, kind };
    const link = input.link ?? null;
    // one row per user, in id order: concurrent upserts then lock groups in the same order
    const unique = [...new Map(recipients.map((u) => [u.id, u])).values()].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    for (const u of unique) {
      const chosen = channelsFor(u.notificationPrefs, kind, u.emailNotifications);
      const asked: readonly string[] | undefined = input.channels;
      const channels = asked ? chosen.filter((c) => asked.includes(c)) : chosen;
      const row = { ...base, link, userId: u.id };
      if (channels.includes("in_app"))
        inApp.push({
          ...row,
          channel: "in_app",
          recipient: u.id,
          dedupeKey: `${input.dedupeKey}:in_app:${u.id}`,
          groupKey,
          status: "sent",
          sentAt: now,
          latestAt: now,
        });
      if (channels.includes("email"))
        outgoing.push({
          ...row,
          channel: "email",
          recipient: u.email,
          dedupeKey: `${input.dedupeKey}:email:${u.id}`,
          status: u.emailDigest === "off" ? "pending" : "held",
          latestAt: now,
        });
      if (channels.includes("slack"))
        outgoing.push({
          ...row,
          channel: "slack",
          recipient: `user:${u.id}`,
          dedupeKey: `${input.dedupeKey}:slack:user:${u.id}`,
          latestAt: now,
        });
    }
  }
  const inAppIds = inApp.length ? await upsertInApp(ctx, inApp) : [];
  const sent: { id: string; status: Insert["status"] }[] = [];
  const mail = summarizeOutgoing(outgoing);
  for (let i = 0; i < mail.length; i += ROWS_PER_INSERT)
    sent.push(
      ...(await ctx.db
        .insert(n)
        .values(mail.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing({ target: [n.tenantId, n.dedupeKey] })
        .returning({ id: n.id, status: n.status })),
    );
  const ids = [...inAppIds, ...sent.map((r) => r.id)];
  if (ids.length) {
    await publish(ctx, "notification", [...new Set(ids)]);
    const due = sent.filter((r) => r.status === "pending").map((r) => r.id);
    if (due.length) afterCommit(ctx, () => requestDelivery(ctx.tenantId, due));
  }
  return ids.length;
}

/**
 * Grouped rows of one recipient and group in one batch folded into one (an insert cannot
 * bump the same row twice): the count says how many, the text is the latest's, as bumping
 * the row once per message would have left it. Sorted by recipient and group (lock order).
 */
export function foldGrouped(rows: Insert[]): Insert[] {
  const folded = new Map<string, Insert>();
  for (const r of rows) {
    const key = `${r.userId ?? ""}\u0000${r.groupKey ?? ""}`;
    const prior = folded.get(key);
    folded.set(
      key,
      prior
        ? {
            ...prior,
            subject: r.subject,
            body: r.body,
            link: r.link,
            count: (prior.count ?? 1) + 1,
            latestAt: later(prior.latestAt, r.latestAt),
          }
        : { ...r, count: 1 },
    );
  }
  return [...folded.values()].sort((a, b) =>
    `${a.userId ?? ""} ${a.groupKey ?? ""}` < `${b.userId ?? ""} ${b.groupKey ?? ""}` ? -1 : 1,
  );
}

const later = (a: Date | undefined, b: Date | undefined) => (a && b && a > b ? a : (b ?? a));

/**
 * In-app rows whose dedupe key is new (remembered in notification_keys), grouped rows folded
 * onto the recipient's unread row of the same group. The unique index on unread groups makes
 * concurrent enqueues wait for each other and bump the one row instead of adding a second.
 */
async function upsertInApp(ctx: ServiceCtx, rows: Insert[]): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const keys = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const fresh = await tx
        .insert(schema.notificationKeys)
        .values(
          rows
            .slice(i, i + ROWS_PER_INSERT)
            .map((r) => ({ tenantId: ctx.tenantId, dedupeKey: r.dedupeKey })),
        )
        .onConflictDoNothing()
        .returning({ key: schema.notificationKeys.dedupeKey });
      for (const r of fresh) keys.add(r.key);
    }
    const todo = rows.filter((r) => keys.has(r.dedupeKey));
    const grouped = foldGrouped(todo.filter((r) => r.groupKey));
    const single = todo.filter((r) => !r.groupKey);
    const ids: string[] = [];
    for (let i = 0; i < single.length; i += ROWS_PER_INSERT)
      ids.push(
        ...(
          await tx
            .insert(n)
            .values(single.slice(i, i + ROWS_PER_INSERT))
            .onConflictDoNothing({ target: [n.tenantId, n.dedupeKey] })
            .returning({ id: n.id })
        ).map((r) => r.id),
      );
    for (let i = 0; i < grouped.length; i += ROWS_PER_INSERT)
      ids.push(
        ...(
          await tx
            .insert(n)
            .values(grouped.slice(i, i + ROWS_PER_INSERT))
            .onConflictDoUpdate({
              target: [n.userId, n.groupKey],
              targetWhere: sql`${n.channel} = 'in_app' and ${n.readAt} is null and ${n.groupKey} is not null`,
              set: {
                count: sql`${n.count} + excluded.count`,
                latestAt: sql`greatest(${n.latestAt}, excluded.latest_at)`,
                subject: sql`excluded.subject`,
                body: sql`excluded.body`,
                link: sql`excluded.link`,
              },
            })
            .returning({ id: n.id })
        ).map((r) => r.id),
      );
    return ids;
  });
}
