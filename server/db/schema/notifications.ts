import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id } from "./_columns";
import { tenantRef, users } from "./platform";

export const channelEnum = pgEnum("notification_channel", ["email", "slack", "in_app"]);
/** held: an e-mail kept back for the recipient's digest (never delivered on its own) */
export const notificationStatusEnum = pgEnum("notification_status", [
  "pending",
  "sent",
  "failed",
  "held",
]);

/** A file an e-mail carries, by reference: a stored scorecard's PDF. */
export type MailAttachmentRef = { kind: "scorecard_pdf"; scorecardId: string; filename: string };

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    tenantId: tenantRef(),
    channel: channelEnum("channel").notNull(),
    /** e-mail address, Slack webhook owner (group/tenant id) or user id for in-app */
    recipient: text("recipient").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    /** files drawn when the e-mail is sent (from frozen data, so every retry attaches the same) */
    attachments: jsonb("attachments").$type<MailAttachmentRef[]>().notNull().default([]),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind").notNull().default("other"),
    /** in-app rows of one recipient, kind and entity fold into one unread row while unread */
    groupKey: text("group_key"),
    /** how many notifications this row stands for (grouped), and when the latest came */
    count: integer("count").notNull().default(1),
    latestAt: timestamp("latest_at", { withTimezone: true }).notNull().defaultNow(),
    status: notificationStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** how it went out: smtp, slack, in_app, or dev_mailbox when no SMTP server is configured */
    deliveredVia: text("delivered_via"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_tenant_id_dedupe_key_idx").on(t.tenantId, t.dedupeKey),
    // the header bell: a user's in-app notifications, latest first
    index("notifications_user_id_latest_at_idx").on(t.userId, t.latestAt),
    // grouping at write time: at most one unread in-app row per recipient and group
    uniqueIndex("notifications_user_id_group_key_unread_idx")
      .on(t.userId, t.groupKey)
      .where(sql`${t.channel} = 'in_app' and ${t.readAt} is null and ${t.groupKey} is not null`),
    // the delivery sweep: pending work that is due
    index("notifications_pending_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("notifications_tenant_id_created_at_idx").on(t.tenantId, t.createdAt),
  ],
);

/**
 * Every in-app dedupe key used: a grouped row keeps only its first key, so later keys of the
 * same group are remembered here (a re-run detection must not bump the count again).
 */
export const notificationKeys = pgTable(
  "notification_keys",
  {
    tenantId: tenantRef(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dedupeKey] })],
);
