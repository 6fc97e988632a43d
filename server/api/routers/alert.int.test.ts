import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import {
  callerFor,
  createTestGroup,
  createTestTenant,
  type TestTenant,
} from "@/server/test/factories";

let t: TestTenant;
let other: TestTenant;
let groupId: string;

async function newAlert(tenant: TestTenant, fingerprint: string) {
  const { id } = await createAlert(
    jobContext(tenant.tenant.id, "test"),
    {
      siteId: tenant.sites[0]?.id ?? "",
      type: "DEVICE_FAILURE",
      severity: "high",
      title: `Camera ${fingerprint}`,
      description: "",
      fingerprint,
      source: "manual",
    },
    new Date(),
  );
  return id;
}

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("alerts"), createTestTenant("alerts-other")]);
  groupId = await createTestGroup(t, "IoT Specialists", [t.users.specialist]);
});

describe("alert procedures", () => {
  it("walk an alert through its statuses, audited, and refuse to touch a resolved one", async () => {
    const id = await newAlert(t, "walk");
    const op = callerFor(t.users.noc_operator);
    await op.alert.acknowledge({ ids: [id] });
    await op.alert.start({ id });
    await op.alert.comment({ id, body: "Technician on the way" });
    await op.alert.resolve({ ids: [id], resolution: "manual", note: "Replaced the PSU" });
    const detail = await op.alert.get({ id });
    expect(detail).toMatchObject({
      status: "resolved",
      resolution: "manual",
      resolutionNote: "Replaced the PSU",
    });
    expect(detail.acknowledgedBy).toBe(t.users.noc_operator.id);
    expect(detail.comments.map((c) => c.body)).toEqual(["Technician on the way"]);
    expect(detail.timeline.map((e) => e.action).sort()).toEqual(
      ["alert.acknowledge", "alert.comment", "alert.create", "alert.resolve", "alert.start"].sort(),
    );
    await expect(op.alert.acknowledge({ ids: [id] })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("bulk changes are all or nothing, and another tenant's alert is not found", async () => {
    const mine = await newAlert(t, "bulk-mine");
    const theirs = await newAlert(other, "bulk-theirs");
    const op = callerFor(t.users.noc_operator);
    await expect(
      op.alert.resolve({ ids: [mine, theirs], resolution: "duplicate" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, mine));
    expect(row?.status).toBe("new");
    await expect(op.alert.get({ id: theirs })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [their] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, theirs));
    expect(their?.status).toBe("new");
  });

  it("bulk resolves many alerts at once, each audited once, keeping earlier acknowledgements", async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => newAlert(t, `many-${i}`)));
    const op = callerFor(t.users.noc_operator);
    const sup = callerFor(t.users.supervisor);
    const early = ids.slice(0, 10);
    await sup.alert.acknowledge({ ids: [...early, ...early] }); // repeats count once
    const acked = await db
      .select({ id: schema.alerts.id, at: schema.alerts.acknowledgedAt })
      .from(schema.alerts)
      .where(inArray(schema.alerts.id, early));
    // nothing to do
    expect(await op.alert.acknowledge({ ids: early })).toEqual({ changed: 0, ids: [] });

    expect(await op.alert.resolve({ ids, resolution: "false_alarm", note: " bulk " })).toEqual({
      changed: 60,
      ids: expect.arrayContaining(ids),
    });
    const rows = await db.select().from(schema.alerts).where(inArray(schema.alerts.id, ids));
    expect(rows).toHaveLength(60);
    // one action, one instant
    expect(new Set(rows.map((r) => r.resolvedAt?.getTime())).size).toBe(1);
    for (const r of rows) {
      expect(r).toMatchObject({ status: "resolved", resolution: "false_alarm" });
      expect(r.resolutionNote).toBe("bulk");
      expect(r.resolvedBy).toBe(t.users.noc_operator.id);
      const before = acked.find((a) => a.id === r.id);
      // acknowledged earlier: by the supervisor, then; the rest by the one resolving
      expect(r.acknowledgedBy).toBe(before ? t.users.supervisor.id : t.users.noc_operator.id);
      if (before) expect(r.acknowledgedAt).toEqual(before.at);
    }
    const audit = await db
      .select({ entityId: schema.auditLog.entityId, action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(
        and(
          inArray(schema.auditLog.entityId, ids),
          inArray(schema.auditLog.action, ["alert.acknowledge", "alert.resolve"]),
        ),
      );
    expect(audit.filter((a) => a.action === "alert.resolve")).toHaveLength(60);
    expect(
      audit
        .filter((a) => a.action === "alert.acknowledge")
        .map((a) => a.entityId)
        .sort(),
    ).toEqual([...early].sort());
  });

  it("lets specialists see and work only their groups' alerts, and never escalate", async () => {
    const routed = await newAlert(t, "routed");
    const unrouted = await newAlert(t, "unrouted");
    await callerFor(t.users.supervisor).alert.assign({ id: routed, groupId });
    const spec = callerFor(t.users.specialist);
    expect((await spec.alert.list({ limit: 100 })).map((a) => a.id)).toEqual([routed]);
    await expect(spec.alert.get({ id: unrouted })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await spec.alert.acknowledge({ ids: [routed] });
    await expect(spec.alert.escalate({ id: routed })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      spec.alert.assign({ id: routed, userId: t.users.specialist.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses the queue to site managers and executives", async () => {
    await expect(callerFor(t.users.site_manager).alert.list({ limit: 5 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(t.users.executive).alert.stats()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("offers the tenant's clients and the groups the actor sees as filters, and filters by them", async () => {
    const otherGroup = await createTestGroup(t, "Emergency Response", []);
    await createTestGroup(other, "Other tenant's team", []);
    const op = callerFor(t.users.noc_operator);
    const options = await op.alert.filterOptions();
    expect(options.clients.map((c) => c.id).sort()).toEqual(
      Object.values(t.clients)
        .map((c) => c.id)
        .sort(),
    );
    expect(options.groups.map((g) => g.id).sort()).toEqual([groupId, otherGroup].sort());
    // a specialist is offered only their own groups
    expect((await callerFor(t.users.specialist).alert.filterOptions()).groups).toEqual([
      { id: groupId, name: "IoT Specialists" },
    ]);
    await expect(callerFor(t.users.site_manager).alert.filterOptions()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const routed = await newAlert(t, "filter-by-group");
    await callerFor(t.users.supervisor).alert.assign({ id: routed, groupId: otherGroup });
    expect((await op.alert.list({ groupId: otherGroup, limit: 50 })).map((a) => a.id)).toEqual([
      routed,
    ]);
    const gold = t.clients.gold.id;
    const byClient = await op.alert.list({ clientId: gold, limit: 500 });
    expect(byClient.map((a) => a.id)).toContain(routed);
    expect(byClient.every((a) => a.clientName === t.clients.gold.name)).toBe(true);
    expect(await op.alert.list({ clientId: t.clients.bronze.id, limit: 500 })).not.toContainEqual(
      expect.objectContaining({ id: routed }),
    );
  });

  it("filters and searches the queue, and counts open alerts by severity", async () => {
    const id = await newAlert(t, "searchable-zebra");
    const op = callerFor(t.users.noc_operator);
    expect((await op.alert.list({ q: "zebra", limit: 10 })).map((a) => a.id)).toEqual([id]);
    expect(await op.alert.list({ q: "zebra", severity: "low", limit: 10 })).toEqual([]);
    // the site's name matches too, and LIKE wildcards are taken literally
    expect((await op.alert.list({ q: "gold hq", limit: 50 })).map((a) => a.id)).toContain(id);
    expect(await op.alert.list({ q: "zeb%a", limit: 10 })).toEqual([]);
    expect(await op.alert.list({ q: "_ebra", limit: 10 })).toEqual([]);
    const stats = await op.alert.stats();
    expect(stats.open.high).toBeGreaterThanOrEqual(1);
  });
});
