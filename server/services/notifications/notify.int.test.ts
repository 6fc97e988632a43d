import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { notifyUsers } from "./enqueue";

const NOW = new Date("2026-03-10T15:00:00Z");
let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("notify");
});

describe("notifications outbox", () => {
  it("adds in-app and e-mail rows once per dedupe key, honouring the e-mail preference", async () => {
    await callerFor(t.users.supervisor).me.updatePreferences({ emailNotifications: false });
    const ctx = jobContext(t.tenant.id, "test");
    const msg = {
      subject: "Escalated",
      body: "Alert 42 needs you",
      dedupeKey: "alert:42:escalated",
      userIds: [t.users.admin.id, t.users.supervisor.id],
    };
    expect(await notifyUsers(ctx, msg, NOW)).toBe(3);
    expect(await notifyUsers(ctx, msg, NOW)).toBe(0);
    const rows = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, t.tenant.id));
    expect(rows.map((r) => `${r.channel}:${r.recipient}`).sort()).toEqual(
      [
        `email:${t.users.admin.email}`,
        `in_app:${t.users.admin.id}`,
        `in_app:${t.users.supervisor.id}`,
      ].sort(),
    );
    expect(rows.find((r) => r.channel === "email")?.status).toBe("pending");
  });

  it("shows each user only their own in-app notifications and marks them read", async () => {
    const admin = callerFor(t.users.admin);
    const inbox = await admin.notification.inbox({ limit: 10 });
    expect(inbox.items.map((i) => i.subject)).toEqual(["Escalated"]);
    expect(inbox.unread).toBe(1);
    const other = await createTestTenant("notify-other");
    expect((await callerFor(other.users.admin).notification.inbox({ limit: 10 })).items).toEqual(
      [],
    );
    // marking another user's notification read changes nothing
    await callerFor(t.users.supervisor).notification.markRead({
      ids: inbox.items.map((i) => i.id),
    });
    expect((await admin.notification.inbox({ limit: 10 })).unread).toBe(1);
    await admin.notification.markRead({});
    expect((await admin.notification.inbox({ limit: 10 })).unread).toBe(0);
    const [row] = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          eq(schema.notifications.userId, t.users.admin.id),
          eq(schema.notifications.channel, "in_app"),
        ),
      );
    expect(row?.readAt).toBeInstanceOf(Date);
  });
});
