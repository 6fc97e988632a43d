import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { inTx } from "../_core/tx";
import { notifyRole, notifyUsers } from "./enqueue";

const n = schema.notifications;
const NOW = new Date("2026-03-10T15:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("group");
});

const rowsOf = (userId: string) =>
  db
    .select()
    .from(n)
    .where(and(eq(n.tenantId, t.tenant.id), eq(n.userId, userId)));

describe("grouped notifications", () => {
  it("folds repeats of one kind and entity into one unread row with a count and the latest time", async () => {
    const ctx = jobContext(t.tenant.id, "test");
    const user = t.users.noc_operator;
    for (const i of [1, 2, 3])
      await notifyUsers(
        ctx,
        {
          userIds: [user.id],
          subject: `Alert 7 repeated (${i})`,
          body: "Door forced",
          link: "/noc?alert=7",
          dedupeKey: `alert:7:repeat:${i}`,
          kind: "alert_routed",
          entity: "alert:7",
        },
        at(i),
      );
    // a re-run with a key already used bumps nothing
    await notifyUsers(
      ctx,
      {
        userIds: [user.id],
        subject: "again",
        body: "again",
        dedupeKey: "alert:7:repeat:2",
        kind: "alert_routed",
        entity: "alert:7",
      },
      at(9),
    );
    const inbox = await callerFor(user).notification.inbox({ limit: 10 });
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ count: 3, subject: "Alert 7 repeated (3)" });
    expect(inbox.items[0]?.latestAt.toISOString()).toBe(at(3).toISOString());

    // read: the next one starts a new group
    await callerFor(user).notification.markRead({});
    await notifyUsers(
      ctx,
      {
        userIds: [user.id],
        subject: "Alert 7 repeated (4)",
        body: "Door forced",
        dedupeKey: "alert:7:repeat:4",
        kind: "alert_routed",
        entity: "alert:7",
      },
      at(4),
    );
    const after = await callerFor(user).notification.inbox({ limit: 10 });
    expect(after.unread).toBe(1);
    expect(after.items.map((i) => [i.count, i.readAt === null])).toEqual([
      [1, true],
      [3, false],
    ]);
  });

  it("keeps other kinds and other entities apart", async () => {
    const ctx = jobContext(t.tenant.id, "test");
    const user = t.users.specialist;
    const base = { userIds: [user.id], subject: "s", body: "b" };
    await notifyUsers(
      ctx,
      { ...base, dedupeKey: "k1", kind: "alert_routed", entity: "alert:1" },
      NOW,
    );
    await notifyUsers(
      ctx,
      { ...base, dedupeKey: "k2", kind: "alert_escalated", entity: "alert:1" },
      NOW,
    );
    await notifyUsers(
      ctx,
      { ...base, dedupeKey: "k3", kind: "alert_routed", entity: "alert:2" },
      NOW,
    );
    await notifyUsers(ctx, { ...base, dedupeKey: "k4" }, NOW);
    await notifyUsers(ctx, { ...base, dedupeKey: "k5" }, NOW);
    const rows = (await rowsOf(user.id)).filter((r) => r.channel === "in_app");
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.count === 1)).toBe(true);
  });

  it("makes one group under concurrent enqueues, each in its own transaction", async () => {
    const user = t.users.supervisor;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inTx(jobContext(t.tenant.id, "test"), (tx) =>
          notifyRole(
            tx,
            {
              role: "supervisor",
              subject: `Escalated ${i}`,
              body: "b",
              dedupeKey: `alert:99:escalated:${i}`,
              kind: "alert_escalated",
              entity: "alert:99",
            },
            at(i),
          ),
        ),
      ),
    );
    const rows = (await rowsOf(user.id)).filter(
      (r) => r.channel === "in_app" && r.groupKey === "alert_escalated:alert:99",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.count).toBe(12);
    expect(rows[0]?.latestAt.toISOString()).toBe(at(11).toISOString());
  });
});

describe("notification preferences", () => {
  it("sends each kind on the channels the user chose, and nothing when off", async () => {
    const user = t.users.site_manager;
    const me = callerFor(user);
    expect(await me.notification.preferences()).toMatchObject({ kinds: {}, emailDigest: "off" });
    await me.notification.updatePreferences({
      kinds: { shift_finding: [], work_order: ["email", "slack"], ticket_escalated: ["in_app"] },
      emailDigest: "off",
    });
    const ctx = jobContext(t.tenant.id, "test");
    const send = (kind: "shift_finding" | "work_order" | "ticket_escalated" | "account") =>
      notifyUsers(
        ctx,
        { userIds: [user.id], subject: kind, body: "b", dedupeKey: `pref:${kind}`, kind },
        NOW,
      );
    expect(await send("shift_finding")).toBe(0);
    expect(await send("work_order")).toBe(2);
    expect(await send("ticket_escalated")).toBe(1);
    // a kind without a choice keeps the default: in-app plus e-mail
    expect(await send("account")).toBe(2);
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => `${r.subject}:${r.channel}:${r.status}`).sort()).toEqual(
      [
        "account:email:pending",
        "account:in_app:sent",
        "ticket_escalated:in_app:sent",
        "work_order:email:pending",
        "work_order:slack:pending",
      ].sort(),
    );
    expect(rows.find((r) => r.channel === "slack")?.recipient).toBe(`user:${user.id}`);
  });

  it("holds e-mail for users who take a digest", async () => {
    const user = t.users.executive;
    await callerFor(user).notification.updatePreferences({ kinds: {}, emailDigest: "hourly" });
    await notifyUsers(
      jobContext(t.tenant.id, "test"),
      { userIds: [user.id], subject: "x", body: "b", dedupeKey: "digest-hold" },
      NOW,
    );
    const email = (await rowsOf(user.id)).find((r) => r.channel === "email");
    expect(email?.status).toBe("held");
  });

  it("refuses unknown kinds, channels and digests", async () => {
    const me = callerFor(t.users.admin);
    await expect(
      me.notification.updatePreferences({
        kinds: { nope: ["in_app"] } as never,
        emailDigest: "off",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      me.notification.updatePreferences({
        kinds: { account: ["pigeon"] } as never,
        emailDigest: "off",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      me.notification.updatePreferences({ kinds: {}, emailDigest: "weekly" } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets nobody read or mark another user's notifications, in or across tenants", async () => {
    const owner = t.users.noc_operator;
    const [group] = (await rowsOf(owner.id)).filter((r) => r.channel === "in_app" && !r.readAt);
    if (!group) throw new Error("no unread row");
    const other = await createTestTenant("group-other");
    for (const intruder of [t.users.admin, other.users.admin]) {
      const caller = callerFor(intruder);
      expect(
        (await caller.notification.inbox({ limit: 100 })).items.map((i) => i.id),
      ).not.toContain(group.id);
      expect(await caller.notification.markRead({ ids: [group.id] })).toEqual({ updated: 0 });
    }
    const [still] = await db.select().from(n).where(eq(n.id, group.id));
    expect(still?.readAt).toBeNull();
    // the owner opens it: marked read on its own
    expect(await callerFor(owner).notification.markRead({ ids: [group.id] })).toEqual({
      updated: 1,
    });
  });
});
