import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { startSlackSink, type SlackSink } from "@/server/test/slack-sink";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { jobContext, platformContext } from "../_core/system";
import { DELIVERY, deliverNotifications } from "./deliver";
import { notifyEmail, notifyGroup, notifyUsers } from "./enqueue";

const sweep = platformContext("deliver-notifications");

/*
 * Delivery against real servers: a local SMTP server (nodemailer speaks real SMTP to it) and
 * a local stand-in for Slack incoming webhooks. Other files run in parallel on the same
 * database, so every deliverNotifications call here names its notification ids.
 */
const n = schema.notifications;
// The instant every call here runs at. It is later than the database clock, so rows stamped by
// the column default (the database's now()) are due at it; the lease and the due check take
// the later of the two clocks (deliver.ts), so everything else here follows NOW alone.
const NOW = new Date("2100-01-04T09:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const APP_URL = "https://watchfloor.example";
const MAIL_FROM = "Watchfloor Alerts <alerts@watchfloor.test>";
const ENV_KEYS = ["SMTP_URL", "MAIL_FROM", "APP_URL", "NOTIFY_RETRY_BASE_MS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let t: TestTenant;
let smtp: SmtpSink;
let slack: SlackSink;

beforeAll(async () => {
  [t, smtp, slack] = await Promise.all([
    createTestTenant("deliver"),
    startSmtpSink(),
    startSlackSink(),
  ]);
});

afterAll(async () => {
  await Promise.all([smtp.stop(), slack.stop()]);
});

beforeEach(async () => {
  await smtp.start();
  slack.recover();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = MAIL_FROM;
  process.env.APP_URL = APP_URL;
  delete process.env.NOTIFY_RETRY_BASE_MS;
});

afterEach(() => {
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const unique = (label: string) => `${label}:${randomUUID()}`;
const ctx = () => jobContext(t.tenant.id, "deliver-test");

/** Queues a notification for users through the outbox and returns their e-mail rows' ids. */
async function queueEmails(userIds: string[], message: { subject?: string; link?: string } = {}) {
  const dedupeKey = unique("mail");
  await notifyUsers(
    ctx(),
    {
      subject: message.subject ?? "Alarm escalated",
      body: "Alert 42 at Gold HQ needs you",
      link: message.link,
      dedupeKey,
      userIds,
    },
    NOW,
  );
  const rows = await db
    .select({ id: n.id, userId: n.userId, recipient: n.recipient })
    .from(n)
    .where(
      and(
        eq(n.tenantId, t.tenant.id),
        eq(n.channel, "email"),
        inArray(
          n.dedupeKey,
          userIds.map((u) => `${dedupeKey}:email:${u}`),
        ),
      ),
    );
  expect(rows).toHaveLength(userIds.length);
  return rows;
}

async function queueEmail(message: { subject?: string; link?: string } = {}) {
  const [row] = await queueEmails([t.users.admin.id], message);
  if (!row) throw new Error("no e-mail row");
  return row;
}

async function load(id: string) {
  const [row] = await db.select().from(n).where(eq(n.id, id));
  if (!row) throw new Error(`notification ${id} is gone`);
  return row;
}

/** Makes a notification due now, as if its backoff had passed. */
async function makeDue(id: string) {
  await db
    .update(n)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(n.id, id));
}

async function createGroup(tenant: TestTenant, webhook: string | null, memberIds: string[]) {
  const [group] = await db
    .insert(schema.groups)
    .values({ tenantId: tenant.tenant.id, name: unique("group"), slackWebhookUrl: webhook })
    .returning();
  if (!group) throw new Error("no group");
  if (memberIds.length)
    await db
      .insert(schema.groupMembers)
      .values(
        memberIds.map((userId) => ({ tenantId: tenant.tenant.id, groupId: group.id, userId })),
      );
  return group;
}

async function slackRows(tenantId: string, groupId: string) {
  return db
    .select()
    .from(n)
    .where(
      and(eq(n.tenantId, tenantId), eq(n.channel, "slack"), eq(n.recipient, `group:${groupId}`)),
    );
}

const nothing = { sent: 0, retrying: 0, failed: 0 };

/** Polls until `check` holds, for things that happen on other connections or servers. */
async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("e-mail delivery over SMTP", () => {
  it("sends an e-mail exactly once, with a Message-ID made from the notification id", async () => {
    const { id } = await queueEmail({ subject: "Alarm escalated", link: "/alerts/42" });
    expect((await load(id)).status).toBe("pending");

    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({ ...nothing, sent: 1 });

    const row = await load(id);
    expect(row).toMatchObject({
      status: "sent",
      deliveredVia: "smtp",
      attempts: 1,
      lastError: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    const mails = smtp.withMessageId(id);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.messageId).toBe(`<${id}@watchfloor>`);
    expect(mail?.subject).toBe("Alarm escalated");
    expect(mail?.to).toContain(t.users.admin.email);
    expect(mail?.envelope).toEqual({
      from: "alerts@watchfloor.test",
      to: [t.users.admin.email],
    });
    expect(mail?.headers.from).toContain("alerts@watchfloor.test");
    expect(mail?.body).toBe(`Alert 42 at Gold HQ needs you\n\n${APP_URL}/alerts/42`);

    // a sent notification is never sent again
    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual(nothing);
    expect(smtp.withMessageId(id)).toHaveLength(1);
    expect((await load(id)).attempts).toBe(1);
  });

  it("sends a vendor's portal link, then keeps no live link in the outbox", async () => {
    const key = unique("portal");
    const link = `${APP_URL}/v/Abc_def-123456789012345678901234567890`;
    await notifyEmail(ctx(), {
      to: "dispatch@vendor.test",
      subject: "Work order #7",
      body: `Open it here:\n\n${link}`,
      dedupeKey: key,
    });
    const [row] = await db
      .select({ id: n.id })
      .from(n)
      .where(
        and(eq(n.tenantId, t.tenant.id), eq(n.dedupeKey, `${key}:email:dispatch@vendor.test`)),
      );
    const id = row?.id ?? "";
    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({ ...nothing, sent: 1 });
    expect(smtp.withMessageId(id)[0]?.body).toContain(link);
    expect((await load(id)).body).toBe(
      `Open it here:\n\n${APP_URL}/v/[link removed after delivery]`,
    );
  });

  it("keeps e-mail in the dev mailbox when no SMTP server is configured", async () => {
    delete process.env.SMTP_URL;
    const { id } = await queueEmail();
    const before = smtp.messages.length;

    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({ ...nothing, sent: 1 });

    expect(await load(id)).toMatchObject({
      status: "sent",
      deliveredVia: "dev_mailbox",
      lastError: null,
    });
    expect(smtp.messages.length).toBe(before);
    expect(smtp.withMessageId(id)).toEqual([]);
  });

  it("leaves in-app notifications alone", async () => {
    const dedupeKey = unique("in-app");
    await notifyUsers(
      ctx(),
      {
        subject: "FYI",
        body: "in-app only",
        dedupeKey,
        userIds: [t.users.admin.id],
      },
      NOW,
    );
    const [inApp] = await db
      .select()
      .from(n)
      .where(
        and(
          eq(n.tenantId, t.tenant.id),
          eq(n.dedupeKey, `${dedupeKey}:in_app:${t.users.admin.id}`),
        ),
      );
    if (!inApp) throw new Error("no in-app row");
    expect(await deliverNotifications(sweep, { ids: [inApp.id] }, NOW)).toEqual(nothing);
    expect(await load(inApp.id)).toMatchObject({ status: "sent", attempts: 0, deliveredVia: null });
  });
});

describe("Slack delivery", () => {
  it("posts to the group's own webhook a valid incoming-webhook message", async () => {
    const path = `/services/group-${randomUUID()}`;
    const group = await createGroup(t, slack.webhook(path), [t.users.supervisor.id]);
    const added = await notifyGroup(
      ctx(),
      {
        subject: "Site offline",
        body: "Gold Depot stopped reporting",
        link: "/sites/gold-depot",
        dedupeKey: unique("group-own"),
        groupId: group.id,
      },
      NOW,
    );
    // the supervisor's in-app and e-mail rows, and one Slack message
    expect(added).toBe(3);
    const [row, ...more] = await slackRows(t.tenant.id, group.id);
    if (!row) throw new Error("no Slack row");
    expect(more).toEqual([]);
    expect(row.status).toBe("pending");

    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual({
      ...nothing,
      sent: 1,
    });

    expect(await load(row.id)).toMatchObject({
      status: "sent",
      deliveredVia: "slack",
      attempts: 1,
      lastError: null,
    });
    expect(slack.rejected).toEqual([]);
    const posts = slack.postsTo(path);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toEqual({
      text: "Site offline: Gold Depot stopped reporting",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: `*Site offline*\nGold Depot stopped reporting\n<${APP_URL}/sites/gold-depot|Open in Watchfloor>`,
          },
        },
      ],
    });

    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual(nothing);
    expect(slack.postsTo(path)).toHaveLength(1);
  });

  it("falls back to the tenant's webhook when the group has none", async () => {
    const other = await createTestTenant("deliver-slack");
    const path = `/services/tenant-${randomUUID()}`;
    await db
      .update(schema.tenants)
      .set({ slackWebhookUrl: slack.webhook(path) })
      .where(eq(schema.tenants.id, other.tenant.id));
    const group = await createGroup(other, null, []);
    expect(
      await notifyGroup(
        jobContext(other.tenant.id, "deliver-test"),
        {
          subject: "Shift unfilled",
          body: "Night shift at Bronze Store has nobody",
          dedupeKey: unique("group-fallback"),
          groupId: group.id,
        },
        NOW,
      ),
    ).toBe(1);
    const [row] = await slackRows(other.tenant.id, group.id);
    if (!row) throw new Error("no Slack row");

    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual({
      ...nothing,
      sent: 1,
    });

    expect(await load(row.id)).toMatchObject({ status: "sent", deliveredVia: "slack" });
    const posts = slack.postsTo(path);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toBe("Shift unfilled: Night shift at Bronze Store has nobody");
    // no link, so no "Open in Watchfloor"
    expect(JSON.stringify(posts[0]?.blocks)).not.toContain("Open in Watchfloor");
  });

  it("adds no Slack row without a webhook, and fails a Slack row that has none", async () => {
    const group = await createGroup(t, null, [t.users.specialist.id]);
    const added = await notifyGroup(
      ctx(),
      {
        subject: "Nobody to tell",
        body: "No webhook anywhere",
        dedupeKey: unique("group-none"),
        groupId: group.id,
      },
      NOW,
    );
    expect(added).toBe(2); // in-app and e-mail for the one member
    expect(await slackRows(t.tenant.id, group.id)).toEqual([]);

    // a Slack row whose webhook was removed after it was queued
    const [row] = await db
      .insert(n)
      .values({
        tenantId: t.tenant.id,
        channel: "slack",
        recipient: `group:${group.id}`,
        subject: "Orphan",
        body: "Queued before the webhook was removed",
        dedupeKey: unique("orphan"),
      })
      .returning();
    if (!row) throw new Error("no row");
    const postsBefore = slack.posts.length;

    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual({
      ...nothing,
      failed: 1,
    });

    expect(await load(row.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      deliveredVia: null,
      lastError: "No Slack webhook is configured for the group or the tenant",
    });
    expect(slack.posts.length).toBe(postsBefore);
    // failed is final
    await makeDue(row.id);
    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual(nothing);
  });

  it("retries when Slack is down and posts once it is back", async () => {
    const path = `/services/flaky-${randomUUID()}`;
    const group = await createGroup(t, slack.webhook(path), []);
    await notifyGroup(
      ctx(),
      {
        subject: "Panic button",
        body: "Guard pressed panic",
        dedupeKey: unique("group-flaky"),
        groupId: group.id,
      },
      NOW,
    );
    const [row] = await slackRows(t.tenant.id, group.id);
    if (!row) throw new Error("no Slack row");

    slack.fail(500);
    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual({
      ...nothing,
      retrying: 1,
    });
    const failed = await load(row.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed.lastError).toBe("Slack answered 500: internal_error");
    expect(slack.postsTo(path)).toEqual([]);

    slack.recover();
    await makeDue(row.id);
    expect(await deliverNotifications(sweep, { ids: [row.id] }, NOW)).toEqual({
      ...nothing,
      sent: 1,
    });
    expect(await load(row.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(slack.postsTo(path)).toHaveLength(1);
  });
});

describe("retries and failure", () => {
  it("retries with backoff while SMTP is down and delivers exactly once when it returns", async () => {
    const baseMs = 1_000;
    process.env.NOTIFY_RETRY_BASE_MS = String(baseMs);
    const { id } = await queueEmail({ subject: "Outage test" });
    await smtp.stop();

    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({
      ...nothing,
      retrying: 1,
    });
    const waiting = await load(id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, deliveredVia: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    // the first retry waits the base delay
    expect(waiting.nextAttemptAt).toEqual(later(baseMs));

    // the server is back, but the backoff has not passed: no attempt at all
    await smtp.start();
    expect(await deliverNotifications(sweep, { ids: [id] }, later(baseMs - 1))).toEqual(nothing);
    expect((await load(id)).attempts).toBe(1);

    // once it has passed, it goes out
    expect(await deliverNotifications(sweep, { ids: [id] }, later(baseMs))).toEqual({
      ...nothing,
      sent: 1,
    });

    expect(await load(id)).toMatchObject({
      status: "sent",
      deliveredVia: "smtp",
      attempts: 2,
      lastError: null,
      sentAt: later(baseMs),
    });
    expect(smtp.withMessageId(id)).toHaveLength(1);
    expect(await deliverNotifications(sweep, { ids: [id] }, later(baseMs))).toEqual(nothing);
    expect(smtp.withMessageId(id)).toHaveLength(1);
  });

  it(`gives up after ${DELIVERY.maxAttempts} attempts and keeps the last error`, async () => {
    const { id } = await queueEmail({ subject: "Hopeless" });
    await smtp.stop();

    for (let attempt = 1; attempt < DELIVERY.maxAttempts; attempt++) {
      expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({
        ...nothing,
        retrying: 1,
      });
      const row = await load(id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt });
      // backoff doubles: 30 s, 1 min, 2 min … by default
      expect(row.nextAttemptAt).toEqual(later(30_000 * 2 ** (attempt - 1)));
      await makeDue(id);
    }
    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual({
      ...nothing,
      failed: 1,
    });
    const row = await load(id);
    expect(row).toMatchObject({ status: "failed", attempts: DELIVERY.maxAttempts });
    expect(row.lastError).toMatch(/ECONNREFUSED/);

    // failed is final, even once the server is back
    await smtp.start();
    await makeDue(id);
    expect(await deliverNotifications(sweep, { ids: [id] }, NOW)).toEqual(nothing);
    expect(smtp.withMessageId(id)).toEqual([]);
  });
});

describe("concurrent deliverers", () => {
  afterEach(() => {
    smtp.delayMs = 0;
  });

  async function expectEachSentOnce(rows: { id: string; recipient: string }[]) {
    for (const row of rows) {
      const mails = smtp.withMessageId(row.id);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.envelope.to).toEqual([row.recipient]);
    }
    const after = await db
      .select()
      .from(n)
      .where(
        inArray(
          n.id,
          rows.map((r) => r.id),
        ),
      );
    expect(after.map((r) => `${r.status}:${r.attempts}:${r.deliveredVia}`)).toEqual(
      rows.map(() => "sent:1:smtp"),
    );
  }

  it("send each message once when they race for the same notifications", async () => {
    const userIds = Object.values(t.users).map((u) => u.id);
    const rows = await queueEmails(userIds, { subject: "Race" });
    const ids = rows.map((r) => r.id);

    // whoever claims first takes what it may; the others find nothing left to claim
    const results = await Promise.all([
      deliverNotifications(sweep, { ids }, NOW),
      deliverNotifications(sweep, { ids, limit: 2 }, NOW),
      deliverNotifications(sweep, { ids, limit: 2 }, NOW),
      deliverNotifications(sweep, { ids }, NOW),
    ]);

    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(ids.length);
    expect(results.every((r) => r.retrying === 0 && r.failed === 0)).toBe(true);
    await expectEachSentOnce(rows);
  });

  it("leave alone what another deliverer is still sending", async () => {
    const rows = await queueEmails([t.users.admin.id, t.users.supervisor.id], { subject: "Slow" });
    const ids = rows.map((r) => r.id);
    smtp.delayMs = 250;

    const first = deliverNotifications(sweep, { ids }, NOW);
    await waitFor(() => smtp.inFlight > 0);
    // The first deliverer claims one message at a time: the one at the server is left alone,
    // the other may go out through the second deliverer — either way each is sent once.
    const second = await deliverNotifications(sweep, { ids }, NOW);
    const firstDone = await first;

    expect(second.sent).toBeLessThanOrEqual(1);
    expect(firstDone.sent + second.sent).toBe(2);
    expect({ ...firstDone, sent: 0 }).toEqual(nothing);
    expect({ ...second, sent: 0 }).toEqual(nothing);
    await expectEachSentOnce(rows);
  });

  it("skip rows another deliverer has locked instead of waiting for them", async () => {
    const rows = await queueEmails(
      [t.users.admin.id, t.users.executive.id, t.users.specialist.id],
      {
        subject: "Locked",
      },
    );
    const [locked, other, third] = rows;
    if (!locked || !other || !third) throw new Error("no rows");
    const ids = rows.map((r) => r.id);

    // another deliverer in the middle of its claim: the row is locked until it commits
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from notifications where id = ${locked.id} for update`);
      expect(await deliverNotifications(sweep, { ids }, NOW)).toEqual({ ...nothing, sent: 2 });
    });
    expect(smtp.withMessageId(locked.id)).toEqual([]);
    expect((await load(locked.id)).status).toBe("pending");

    expect(await deliverNotifications(sweep, { ids }, NOW)).toEqual({ ...nothing, sent: 1 });
    await expectEachSentOnce(rows);
  });
});
