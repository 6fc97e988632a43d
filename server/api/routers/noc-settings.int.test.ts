import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { triageAlert } from "@/server/services/noc/triage";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
let other: TestTenant;
let teamId: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("rules"), createTestTenant("rules-other")]);
  const [g] = await db
    .insert(schema.groups)
    .values({ tenantId: t.tenant.id, name: "Night Desk" })
    .returning();
  teamId = g?.id ?? "";
});

const hour = 3600_000;

describe("routing rules and maintenance windows", () => {
  it("lets admins route a type to a group, which triage then uses; supervisors may only read", async () => {
    const admin = callerFor(t.users.admin);
    await expect(
      callerFor(t.users.supervisor).nocSettings.setRouting({ type: "FIRE_ALARM", groupId: teamId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rule = await admin.nocSettings.setRouting({ type: "FIRE_ALARM", groupId: teamId });
    expect(rule).toMatchObject({ type: "FIRE_ALARM", groupName: "Night Desk", isDefault: false });
    expect(
      (await callerFor(t.users.supervisor).nocSettings.routing()).find(
        (r) => r.type === "FIRE_ALARM",
      )?.groupId,
    ).toBe(teamId);
    await db
      .update(schema.sites)
      .set({ criticality: 5 })
      .where(eq(schema.sites.id, t.sites[0]?.id ?? ""));
    const { id } = await createAlert(
      jobContext(t.tenant.id, "test"),
      {
        siteId: t.sites[0]?.id ?? "",
        type: "FIRE_ALARM",
        severity: "critical",
        title: "Fire",
        description: "",
        source: "manual",
        fingerprint: "rules-fire",
      },
      new Date(),
    );
    // critical 40 + fire 25 + criticality 5 → 10 + gold 5 = 80 at least: routed by the rule
    expect(
      await triageAlert(jobContext(t.tenant.id, "triage-alert"), { alertId: id }, new Date()),
    ).toMatchObject({
      routedTo: teamId,
    });
    await expect(
      admin.nocSettings.setRouting({ type: "PANIC", groupId: other.users.admin.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.nocSettings.setRouting({ type: "FIRE_ALARM", groupId: null })).toMatchObject(
      { isDefault: true },
    );
  });

  it("previews what a window would hold back, never life-safety alerts, and validates its times and scope", async () => {
    const sup = callerFor(t.users.supervisor);
    const siteId = t.sites[1]?.id ?? "";
    const ctx = jobContext(t.tenant.id, "test");
    for (const [type, fp] of [
      ["DEVICE_OFFLINE", "w1"],
      ["DEVICE_OFFLINE", "w2"],
      ["PANIC", "w3"],
    ] as const) {
      await createAlert(
        ctx,
        {
          siteId,
          type,
          severity: "low",
          title: fp,
          description: "",
          source: "manual",
          fingerprint: fp,
        },
        new Date(),
      );
    }
    const input = {
      name: "Firmware",
      startsAt: new Date(),
      endsAt: new Date(Date.now() + hour),
      siteIds: [siteId],
      clientIds: [],
      types: [],
    };
    expect(await sup.nocSettings.previewWindow(input)).toMatchObject({
      last30Days: 2,
      openNow: 2,
      byType: [{ type: "DEVICE_OFFLINE", n: 2 }],
    });
    await expect(
      sup.nocSettings.createWindow({ ...input, endsAt: new Date(Date.now() - hour) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      sup.nocSettings.createWindow({ ...input, siteIds: [other.sites[0]?.id ?? ""] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const w = await sup.nocSettings.createWindow(input);
    const suppressed = await createAlert(
      ctx,
      {
        siteId,
        type: "DEVICE_FAILURE",
        severity: "high",
        title: "held",
        description: "",
        source: "manual",
        fingerprint: "w4",
      },
      new Date(),
    );
    const list = await callerFor(t.users.noc_operator).alert.list({ suppressed: true, limit: 10 });
    expect(list.map((a) => a.id)).toContain(suppressed.id);
    await sup.nocSettings.cancelWindow({ id: w.id });
    await expect(sup.nocSettings.cancelWindow({ id: w.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(t.users.noc_operator).nocSettings.windows()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
