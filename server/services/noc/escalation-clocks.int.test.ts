import { and, eq, inArray, like } from "drizzle-orm";
import { connectTo } from "@/server/db/connect";
import { afterAll, describe, expect, it } from "vitest";
import { LIVE_CHANNEL } from "@/lib/live-topics";
import { db, schema } from "@/server/db";
import { alertRow, createTestTenant } from "@/server/test/factories";
import { jobContext, platformContext } from "../_core/system";
import { createAlert } from "./create-alert";
import { runEscalationClocks } from "./escalation-clocks";

const clocks = platformContext("escalation-clocks");

const NOW = new Date("2026-12-02T17:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

// listens as an app process does: which alerts the tenant's open pages are told changed
const listener = connectTo(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => undefined });
afterAll(() => listener.end());
async function alertsAnnounced(tenantId: string) {
  const ids: (string | null)[] = [];
  const sub = await listener.listen(LIVE_CHANNEL, (payload) => {
    const m = JSON.parse(payload) as { t: string; topic: string; ids: string[] | null };
    if (m.t === tenantId && m.topic === "alert") ids.push(...(m.ids ?? [null]));
  });
  return { ids, stop: () => sub.unlisten() };
}

describe("escalation clocks", () => {
  it("escalate each overdue alert once per clock, and leave the rest", async () => {
    const t = await createTestTenant("clocks");
    const ctx = jobContext(t.tenant.id, "test");
    const make = async (fingerprint: string, severity: "critical" | "low") =>
      (
        await createAlert(
          ctx,
          {
            siteId: t.sites[0]?.id ?? "",
            type: "INTRUSION",
            severity,
            title: fingerprint,
            description: "",
            fingerprint,
            source: "manual",
          },
          NOW,
        )
      ).id;
    const late = await make("critical-late", "critical"); // target 5 min
    const fresh = await make("critical-fresh", "critical");
    const lowOld = await make("low-20min", "low"); // target 120 min
    const stuck = await make("acked-stuck", "critical");
    const routed = await make("routed-ignored", "critical");
    const set = (id: string, v: Partial<typeof schema.alerts.$inferInsert>) =>
      db.update(schema.alerts).set(v).where(eq(schema.alerts.id, id));
    await set(late, { firstSeenAt: minutesAgo(7) });
    await set(lowOld, { firstSeenAt: minutesAgo(20) });
    await set(stuck, {
      firstSeenAt: minutesAgo(50),
      status: "acknowledged",
      acknowledgedAt: minutesAgo(40),
    });
    await set(routed, { firstSeenAt: minutesAgo(4), routedAt: minutesAgo(12) });

    const announced = await alertsAnnounced(t.tenant.id);
    await runEscalationClocks(clocks, NOW);
    await runEscalationClocks(clocks, NOW); // again: nothing more
    // open queues hear of each newly escalated alert (its badge), and of no other alert (the
    // clocks' own triage of an unscored alert announces it too: the same id twice is fine)
    const heard = () => [...new Set(announced.ids)].sort();
    await expect.poll(() => heard().length).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 200)); // a late, unwanted announcement would land
    await announced.stop();
    expect(heard()).toEqual([late, routed, stuck].sort());

    const rows = await db
      .select({ alertId: schema.alertEscalations.alertId, clock: schema.alertEscalations.clock })
      .from(schema.alertEscalations)
      .where(eq(schema.alertEscalations.tenantId, t.tenant.id));
    const got = rows
      .map(
        (r) =>
          `${r.alertId === late ? "late" : r.alertId === stuck ? "stuck" : r.alertId === routed ? "routed" : "other"}:${r.clock}`,
      )
      .sort();
    expect(got).toEqual([
      "late:unacknowledged",
      "routed:routed_unacknowledged",
      "stuck:not_progressed",
    ]);
    const [f] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, fresh));
    expect(f?.escalated).toBe(false);
    const notes = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          like(schema.notifications.dedupeKey, "alert:%:escalated:%:in_app:%"),
        ),
      );
    expect(notes).toHaveLength(3); // one supervisor, three escalations, once each
  });

  it("triage an overdue alert that was never scored before its clock may escalate it", async () => {
    const t = await createTestTenant("clocks-unscored");
    const ctx = jobContext(t.tenant.id, "test");
    const { id } = await createAlert(
      ctx,
      {
        siteId: t.sites[0]?.id ?? "",
        type: "DEVICE_OFFLINE",
        severity: "high", // target 15 min
        title: "unscored and overdue",
        description: "",
        fingerprint: "unscored-overdue",
        source: "manual",
      },
      NOW,
    );
    // its triage was lost with a crashed executor (no executor runs in tests)
    await db
      .update(schema.alerts)
      .set({ firstSeenAt: minutesAgo(20) })
      .where(eq(schema.alerts.id, id));

    await runEscalationClocks(clocks, NOW);

    const [a] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(a?.triagedAt).not.toBeNull();
    expect(a?.score).not.toBeNull();
    const escalations = await db
      .select()
      .from(schema.alertEscalations)
      .where(eq(schema.alertEscalations.alertId, id));
    // whatever the clocks decided, they decided it about a scored alert
    for (const e of escalations)
      expect(e.createdAt.getTime()).toBeGreaterThanOrEqual(a?.triagedAt?.getTime() ?? Infinity);
  });

  it("escalate a batch across tenants in one pass: the right rows, audit and notifications", async () => {
    const [a, b] = [await createTestTenant("batch-a"), await createTestTenant("batch-b")];
    const [noPlan] = await db
      .insert(schema.clients)
      .values({ tenantId: b.tenant.id, name: "No plan", tier: "none" })
      .returning();
    const [noPlanSite] = await db
      .insert(schema.sites)
      .values({
        tenantId: b.tenant.id,
        clientId: noPlan?.id ?? "",
        name: "No plan site",
        timeZone: "UTC",
        latitude: 0,
        longitude: 0,
      })
      .returning();
    const siteA = a.sites[0];
    const siteB = b.sites[0];
    if (!siteA || !siteB || !noPlanSite) throw new Error("no sites");
    const due = { severity: "critical" as const, triagedAt: minutesAgo(20), score: 50 };
    const inserted = await db
      .insert(schema.alerts)
      .values([
        alertRow(siteA, { ...due, firstSeenAt: minutesAgo(7) }), // late
        alertRow(siteA, { ...due, firstSeenAt: minutesAgo(20), routedAt: minutesAgo(12) }), // two clocks
        alertRow(siteA, { ...due, firstSeenAt: minutesAgo(9) }), // already escalated
        alertRow(siteB, { ...due, firstSeenAt: minutesAgo(8) }), // the other tenant's
        alertRow(noPlanSite, { ...due, firstSeenAt: minutesAgo(30) }), // no triage in its plan
      ])
      .returning({ id: schema.alerts.id });
    const [late, twice, done, theirs, unplanned] = inserted.map((r) => r.id);
    if (!late || !twice || !done || !theirs || !unplanned) throw new Error("no alerts");
    await db
      .insert(schema.alertEscalations)
      .values({ tenantId: a.tenant.id, alertId: done, clock: "unacknowledged" });

    await runEscalationClocks(clocks, NOW);
    await runEscalationClocks(clocks, NOW); // again, as after a restart: nothing more

    const name = (id: string) =>
      ({ [late]: "late", [twice]: "twice", [done]: "done", [theirs]: "theirs" })[id] ?? id;
    const ids = [late, twice, done, theirs, unplanned];
    const rows = await db
      .select()
      .from(schema.alertEscalations)
      .where(inArray(schema.alertEscalations.alertId, ids));
    expect(
      rows
        .map((r) => `${r.tenantId === a.tenant.id ? "a" : "b"}:${name(r.alertId)}:${r.clock}`)
        .sort(),
    ).toEqual([
      "a:done:unacknowledged",
      "a:late:unacknowledged",
      "a:twice:routed_unacknowledged",
      "a:twice:unacknowledged",
      "b:theirs:unacknowledged",
    ]);
    const flagged = await db
      .select({
        id: schema.alerts.id,
        at: schema.alerts.escalatedAt,
        to: schema.alerts.escalationTarget,
      })
      .from(schema.alerts)
      .where(and(inArray(schema.alerts.id, ids), eq(schema.alerts.escalated, true)));
    expect(flagged.map((f) => name(f.id)).sort()).toEqual(["late", "theirs", "twice"]);
    for (const f of flagged) expect(f).toMatchObject({ at: NOW, to: "supervisors" });
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(inArray(schema.auditLog.entityId, ids), eq(schema.auditLog.action, "alert.escalate")),
      );
    expect(audit.map((r) => `${name(r.entityId)}:${String(r.after?.reason)}`).sort()).toEqual([
      "late:not acknowledged after 7 min",
      "theirs:not acknowledged after 8 min",
      "twice:not acknowledged after 20 min",
      "twice:routed 12 min ago and still not acknowledged",
    ]);
    for (const r of audit)
      expect(r).toMatchObject({ actorType: "system", actorId: "escalation-clocks", before: null });
    // each tenant's supervisor hears of its own alerts only, once per escalation; the two
    // escalations of one alert fold into one unread row that counts two
    const notes = await db
      .select()
      .from(schema.notifications)
      .where(
        and(
          inArray(schema.notifications.tenantId, [a.tenant.id, b.tenant.id]),
          like(schema.notifications.dedupeKey, "alert:%:escalated:%"),
        ),
      );
    const summary = notes
      .map((r) => {
        const who =
          r.userId === a.users.supervisor.id
            ? "a-sup"
            : r.userId === b.users.supervisor.id
              ? "b-sup"
              : "other";
        const about = name(r.link?.replace("/noc?alert=", "") ?? "");
        return `${who}:${r.channel}:${about}:${r.count}`;
      })
      .sort();
    expect(summary).toEqual([
      "a-sup:email:late:1",
      "a-sup:email:twice:1",
      "a-sup:email:twice:1",
      "a-sup:in_app:late:1",
      "a-sup:in_app:twice:2",
      "b-sup:email:theirs:1",
      "b-sup:in_app:theirs:1",
    ]);
  });
});
