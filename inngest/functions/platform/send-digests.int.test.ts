import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { notifyUsers } from "@/server/services/notifications/enqueue";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { sendDigestsFn } from "./send-digests";

const n = schema.notifications;
const NOW = new Date("2026-03-10T15:00:00Z");
const ENV_KEYS = ["SMTP_URL", "APP_URL"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let t: TestTenant;
let smtp: SmtpSink;

beforeAll(async () => {
  [t, smtp] = await Promise.all([createTestTenant("digest"), startSmtpSink()]);
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://watchfloor.example";
});
afterAll(async () => {
  await smtp?.stop();
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const run = (now: Date) =>
  new InngestTestEngine({
    function: sendDigestsFn,
    events: [{ name: "inngest/scheduled.timer", data: {} }],
    steps: [{ id: "now", handler: () => now.toISOString() }],
  }).execute();

describe("send-digests", () => {
  it("batches a user's held e-mails into one digest, sent once", async () => {
    const user = t.users.supervisor;
    await callerFor(user).notification.updatePreferences({ kinds: {}, emailDigest: "hourly" });
    const ctx = jobContext(t.tenant.id, "test");
    for (const i of [1, 2, 3])
      await notifyUsers(
        ctx,
        {
          userIds: [user.id, t.users.admin.id],
          subject: `Ticket ${i} escalated`,
          body: "b",
          link: `/sla?ticket=${i}`,
          dedupeKey: `digest-test:${i}`,
          kind: "ticket_escalated",
        },
        NOW,
      );
    // the admin takes no digest: their three e-mails are ordinary ones
    const mine = await db
      .select()
      .from(n)
      .where(and(eq(n.tenantId, t.tenant.id), eq(n.userId, user.id), eq(n.channel, "email")));
    expect(mine.map((r) => r.status)).toEqual(["held", "held", "held"]);

    const first = await run(NOW);
    expect(first.error).toBeUndefined();
    const to = (addr: string) => smtp.messages.filter((m) => m.envelope.to.includes(addr));
    expect(to(user.email)).toHaveLength(1);
    const mail = to(user.email)[0];
    expect(mail?.subject).toBe("Watchfloor digest: 3 notifications");
    for (const i of [1, 2, 3]) {
      expect(mail?.body).toContain(`Ticket ${i} escalated`);
      expect(mail?.body).toContain(`https://watchfloor.example/sla?ticket=${i}`);
    }
    const folded = await db
      .select()
      .from(n)
      .where(and(eq(n.tenantId, t.tenant.id), eq(n.userId, user.id), eq(n.channel, "email")));
    expect(folded.filter((r) => r.deliveredVia === "digest")).toHaveLength(3);
    expect(folded.filter((r) => r.dedupeKey.startsWith("digest:"))).toMatchObject([
      { status: "sent", deliveredVia: "smtp" },
    ]);

    // run again in the same hour, and the next hour with nothing held: no second digest
    expect((await run(NOW)).error).toBeUndefined();
    expect((await run(new Date(NOW.getTime() + 3_600_000))).error).toBeUndefined();
    expect(to(user.email)).toHaveLength(1);
  });

  it("sends a daily digest from 07:00 UTC, once that day", async () => {
    const user = t.users.site_manager;
    await callerFor(user).notification.updatePreferences({ kinds: {}, emailDigest: "daily" });
    const ctx = jobContext(t.tenant.id, "test");
    const send = (key: string) =>
      notifyUsers(ctx, { userIds: [user.id], subject: key, body: "b", dedupeKey: key }, NOW);
    await send("daily-1");
    const sevenAm = new Date("2026-03-11T07:00:00Z");
    expect((await run(sevenAm)).error).toBeUndefined();
    const to = () => smtp.messages.filter((m) => m.envelope.to.includes(user.email));
    expect(to()).toHaveLength(1);
    await send("daily-2");
    // later the same day: held until tomorrow's digest
    expect((await run(new Date("2026-03-11T15:00:00Z"))).error).toBeUndefined();
    expect(to()).toHaveLength(1);
    expect((await run(new Date("2026-03-12T07:00:00Z"))).error).toBeUndefined();
    expect(to()).toHaveLength(2);
    expect(to()[1]?.subject).toBe("Watchfloor digest: 1 notification");
  });
});
