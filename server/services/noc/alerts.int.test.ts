import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { createAlert } from "./create-alert";
import { triageAlert } from "./triage";

let t: TestTenant;
let groupId: string;

/** 03:00 on a Wednesday at the Chicago HQ: after hours. */
const NIGHT = new Date("2026-12-02T09:00:00Z");
/** 11:00 on the same Wednesday in Chicago: business hours. */
const DAY = new Date("2026-12-02T17:00:00Z");

beforeAll(async () => {
  t = await createTestTenant("noc");
  // the gold client's HQ: the most critical site
  const hq = t.sites[0];
  if (!hq) throw new Error("no site");
  await db.update(schema.sites).set({ criticality: 5 }).where(eq(schema.sites.id, hq.id));
  const [g] = await db
    .insert(schema.groups)
    .values({ tenantId: t.tenant.id, name: "Emergency Response" })
    .returning();
  if (!g) throw new Error("no group");
  groupId = g.id;
  await db.insert(schema.groupMembers).values([
    { tenantId: t.tenant.id, groupId, userId: t.users.specialist.id },
    { tenantId: t.tenant.id, groupId, userId: t.users.noc_operator.id },
  ]);
});

const ctx = () => jobContext(t.tenant.id, "test");
const create = (input: Parameters<typeof createAlert>[1]) => createAlert(ctx(), input, NIGHT);
const fire = (fingerprint: string) => ({
  siteId: t.sites[0]?.id ?? "",
  type: "FIRE_ALARM" as const,
  severity: "critical" as const,
  title: "Fire alarm, loading dock",
  description: "",
  fingerprint,
  source: "api" as const,
});

describe("alerts", () => {
  it("keeps one open alert per fingerprint when many arrive at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => create({ ...fire("panel-7:zone-3"), severity: "high" })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db
      .select()
      .from(schema.alerts)
      .where(
        and(
          eq(schema.alerts.tenantId, t.tenant.id),
          eq(schema.alerts.fingerprint, "panel-7:zone-3"),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.occurrenceCount).toBe(20);
  });

  it("opens a new alert for a fingerprint once the old one is resolved", async () => {
    const first = await create(fire("resolved-then-again"));
    await db
      .update(schema.alerts)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(schema.alerts.id, first.id));
    const second = await create(fire("resolved-then-again"));
    expect(second.created).toBe(true);
    expect(second.id).not.toBe(first.id);
  });

  it("returns the same alert for a repeated idempotency key", async () => {
    const a = await create({
      ...fire("idem-1"),
      idempotencyKey: "panel-7-event-991",
    });
    const b = await create({
      ...fire("idem-1-other"),
      idempotencyKey: "panel-7-event-991",
    });
    expect(b).toEqual({ id: a.id, created: false });
  });

  it("refuses a site of another tenant", async () => {
    const other = await createTestTenant("noc-other");
    await expect(
      createAlert(jobContext(other.tenant.id, "test"), fire("x"), NIGHT),
    ).rejects.toThrow("Site not found");
  });
});

describe("triage", () => {
  it("scores, explains, routes and escalates once however often it runs", async () => {
    const { id } = await create(fire("triage-once"));
    const first = await triageAlert(
      jobContext(t.tenant.id, "triage-alert"),
      { alertId: id },
      NIGHT,
    );
    const again = await triageAlert(
      jobContext(t.tenant.id, "triage-alert"),
      { alertId: id },
      NIGHT,
    );
    expect(first).toMatchObject({
      outcome: "scored",
      scoredBy: "heuristic",
      routedTo: groupId,
      escalated: true,
    });
    expect(again).toMatchObject({ outcome: "scored", routedTo: null, escalated: false });
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(row?.score).toBeGreaterThanOrEqual(90);
    expect(row?.scoreFactors?.[0]).toMatchObject({ key: "severity", points: 40 });
    expect(row).toMatchObject({
      assignedGroupId: groupId,
      escalated: true,
      escalationTarget: "supervisors",
    });
    const notes = await db
      .select({ channel: schema.notifications.channel, userId: schema.notifications.userId })
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.tenantId, t.tenant.id),
          eq(schema.notifications.link, `/noc?alert=${id}`),
        ),
      );
    const inApp = notes
      .filter((n) => n.channel === "in_app")
      .map((n) => n.userId)
      .sort();
    // the group's two members once (routing), the supervisor once (escalation)
    expect(inApp).toEqual(
      [t.users.specialist.id, t.users.noc_operator.id, t.users.supervisor.id].sort(),
    );
    const audits = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, "alert"), eq(schema.auditLog.entityId, id)));
    expect(audits.map((a) => a.action).sort()).toEqual([
      "alert.create",
      "alert.escalate",
      "alert.route",
    ]);
  });

  // The same fire alarm at the Chicago HQ with four other alerts there that day: severity 40,
  // type 25, site 10, gold 5, related 8 = 88, and 5 more after hours.
  const fireWithFourRelated = async (now: Date) => {
    const u = await createTestTenant("noc-hour");
    const hq = u.sites[0]?.id ?? "";
    await db.update(schema.sites).set({ criticality: 5 }).where(eq(schema.sites.id, hq));
    const [g] = await db
      .insert(schema.groups)
      .values({ tenantId: u.tenant.id, name: "Emergency Response" })
      .returning();
    const uctx = jobContext(u.tenant.id, "test");
    for (const n of [1, 2, 3, 4])
      await createAlert(uctx, { ...fire(`related-${n}`), siteId: hq, type: "INTRUSION" }, now);
    const { id } = await createAlert(uctx, { ...fire("the-fire"), siteId: hq }, now);
    return {
      groupId: g?.id,
      result: await triageAlert(jobContext(u.tenant.id, "triage-alert"), { alertId: id }, now),
    };
  };

  it("escalates that fire alarm at 03:00 at the site: after hours tips it over 90", async () => {
    const { groupId: g, result } = await fireWithFourRelated(NIGHT);
    expect(result).toMatchObject({ outcome: "scored", score: 93, routedTo: g, escalated: true });
  });

  it("routes but does not escalate it at 11:00 at the site, a business hour", async () => {
    const { groupId: g, result } = await fireWithFourRelated(DAY);
    expect(result).toMatchObject({ outcome: "scored", score: 88, routedTo: g, escalated: false });
  });

  it("neither routes nor escalates a low score", async () => {
    const { id } = await create({
      ...fire("low"),
      type: "LOW_BATTERY",
      severity: "low",
      siteId: t.sites[2]?.id ?? "",
    });
    const r = await triageAlert(jobContext(t.tenant.id, "triage-alert"), { alertId: id }, NIGHT);
    expect(r).toMatchObject({ outcome: "scored", routedTo: null, escalated: false });
    expect((r as { score: number }).score).toBeLessThan(80);
  });

  it("does not triage a client whose plan lacks it", async () => {
    await db
      .update(schema.clients)
      .set({ tier: "none" })
      .where(eq(schema.clients.id, t.clients.bronze.id));
    const { id } = await create({
      ...fire("no-plan"),
      siteId: t.sites[2]?.id ?? "",
    });
    expect(
      await triageAlert(jobContext(t.tenant.id, "triage-alert"), { alertId: id }, NIGHT),
    ).toEqual({
      outcome: "not in plan",
    });
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(row?.score).toBeNull();
    await db
      .update(schema.clients)
      .set({ tier: "bronze" })
      .where(eq(schema.clients.id, t.clients.bronze.id));
  });
});

describe("maintenance windows", () => {
  it("suppress matching alerts without routing them, but never life-safety ones", async () => {
    const hq = t.sites[0]?.id ?? "";
    await db.insert(schema.maintenanceWindows).values({
      tenantId: t.tenant.id,
      name: "Panel firmware update",
      startsAt: new Date(NIGHT.getTime() - 60_000),
      endsAt: new Date(NIGHT.getTime() + 3600_000),
      siteIds: [hq],
    });
    const intrusion = await create({
      ...fire("window-intrusion"),
      type: "INTRUSION",
    });
    const blaze = await create(fire("window-fire"));
    const [i] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, intrusion.id));
    const [f] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, blaze.id));
    expect(i?.suppressedByWindowId).not.toBeNull();
    expect(f?.suppressedByWindowId).toBeNull();
    const r = await triageAlert(
      jobContext(t.tenant.id, "triage-alert"),
      { alertId: intrusion.id },
      NIGHT,
    );
    expect(r).toMatchObject({ outcome: "scored", routedTo: null, escalated: false });
  });
});
