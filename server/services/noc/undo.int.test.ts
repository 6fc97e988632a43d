import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { UNDO_WINDOW_MS } from "@/lib/noc-undo";
import { db, schema } from "@/server/db";
import {
  alertRow,
  callerFor,
  createTestTenant,
  ctxFor,
  type TestTenant,
} from "@/server/test/factories";
import { acknowledgeAlerts, assignAlert, resolveAlerts, startAlert } from "./actions";
import { undoAlertAction } from "./undo";

let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("undo"), createTestTenant("undo-other")]);
});

async function newAlert(over: Partial<typeof schema.alerts.$inferInsert> = {}) {
  const site = t.sites[0];
  if (!site) throw new Error("no site");
  const [a] = await db.insert(schema.alerts).values(alertRow(site, over)).returning();
  if (!a) throw new Error("no alert");
  return a;
}

const read = async (id: string) => {
  const [a] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
  if (!a) throw new Error("gone");
  return a;
};

const op = () => ctxFor(t.users.noc_operator);

describe("alert.undo", () => {
  it("reopens a resolved alert with its previous status, and audits it", async () => {
    const a = await newAlert();
    const ctx = await op();
    await acknowledgeAlerts(ctx, { ids: [a.id] }, new Date());
    await resolveAlerts(ctx, { ids: [a.id], resolution: "false_alarm", note: "cat" }, new Date());
    expect((await read(a.id)).status).toBe("resolved");
    expect(
      await undoAlertAction(ctx, { ids: [a.id], action: "alert.resolve" }, new Date()),
    ).toEqual({ changed: 1, ids: [a.id] });
    const back = await read(a.id);
    expect(back).toMatchObject({
      status: "acknowledged",
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      resolutionNote: null,
    });
    expect(back.acknowledgedAt).toBeInstanceOf(Date);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.tenantId, t.tenant.id), eq(schema.auditLog.entityId, a.id)))
      .orderBy(desc(schema.auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({
      action: "alert.undo",
      actorId: t.users.noc_operator.id,
      after: expect.objectContaining({ status: "acknowledged", resolution: null }),
    });
    // undone once: the last change is now the undo, not the resolve
    await expect(
      undoAlertAction(ctx, { ids: [a.id], action: "alert.resolve" }, new Date()),
    ).rejects.toThrow(/nothing of yours to undo/);
  });

  it("takes back an acknowledgement of several alerts (open again) and an assignment", async () => {
    const [a, b] = [await newAlert(), await newAlert()];
    const ctx = await op();
    await acknowledgeAlerts(ctx, { ids: [a.id, b.id] }, new Date());
    // an alert already acknowledged is not among those changed, so not among those to undo
    const again = await acknowledgeAlerts(ctx, { ids: [a.id, b.id] }, new Date());
    expect(again).toEqual({ changed: 0, ids: [] });
    await callerFor(t.users.noc_operator).alert.undo({
      ids: [a.id, b.id],
      action: "alert.acknowledge",
    });
    for (const id of [a.id, b.id])
      expect(await read(id)).toMatchObject({ status: "new", acknowledgedAt: null });

    await assignAlert(ctx, { id: a.id, userId: t.users.supervisor.id });
    await assignAlert(ctx, { id: a.id, userId: t.users.admin.id });
    await undoAlertAction(ctx, { ids: [a.id], action: "alert.assign" }, new Date());
    expect((await read(a.id)).assignedUserId).toBe(t.users.supervisor.id);
  });

  it("refuses to undo another person's action, or an action that is not the last", async () => {
    const a = await newAlert();
    await resolveAlerts(await op(), { ids: [a.id], resolution: "manual" }, new Date());
    await expect(
      undoAlertAction(
        await ctxFor(t.users.supervisor),
        { ids: [a.id], action: "alert.resolve" },
        new Date(),
      ),
    ).rejects.toThrow(/nothing of yours to undo/);

    const b = await newAlert();
    await acknowledgeAlerts(await op(), { ids: [b.id] }, new Date());
    await startAlert(await ctxFor(t.users.supervisor), { id: b.id }, new Date());
    await expect(
      undoAlertAction(await op(), { ids: [b.id], action: "alert.acknowledge" }, new Date()),
    ).rejects.toThrow(/nothing of yours to undo/);
    expect((await read(b.id)).status).toBe("in_progress");
  });

  it("refuses once the window has passed (a pinned now)", async () => {
    const a = await newAlert();
    const ctx = await op();
    await resolveAlerts(ctx, { ids: [a.id], resolution: "manual" }, new Date());
    const late = new Date(Date.now() + UNDO_WINDOW_MS + 5_000);
    await expect(
      undoAlertAction(ctx, { ids: [a.id], action: "alert.resolve" }, late),
    ).rejects.toThrow(/Too late/);
    expect((await read(a.id)).status).toBe("resolved");
    const inTime = new Date(Date.now() + UNDO_WINDOW_MS - 10_000);
    await undoAlertAction(ctx, { ids: [a.id], action: "alert.resolve" }, inTime);
    expect((await read(a.id)).status).toBe("new");
  });

  it("refuses when the alert changed since (the values the action left are gone)", async () => {
    const a = await newAlert();
    const ctx = await op();
    await assignAlert(ctx, { id: a.id, userId: t.users.supervisor.id });
    // a change no person made through an action (e.g. a routing job) moved the assignee
    await db
      .update(schema.alerts)
      .set({ assignedUserId: t.users.admin.id })
      .where(eq(schema.alerts.id, a.id));
    await expect(
      undoAlertAction(ctx, { ids: [a.id], action: "alert.assign" }, new Date()),
    ).rejects.toThrow(/changed since/);
  });

  it("keeps to the tenant, the alerts the user may see and their capability", async () => {
    const a = await newAlert();
    await resolveAlerts(await op(), { ids: [a.id], resolution: "manual" }, new Date());
    // the same person's id in another tenant's session: the alert does not exist there
    await expect(
      callerFor(other.users.noc_operator).alert.undo({ ids: [a.id], action: "alert.resolve" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // a specialist sees only their groups' alerts, and may not assign (nor undo an assignment)
    await expect(
      callerFor(t.users.specialist).alert.undo({ ids: [a.id], action: "alert.resolve" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(t.users.specialist).alert.undo({ ids: [a.id], action: "alert.assign" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.users.guard).alert.undo({ ids: [a.id], action: "alert.resolve" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await read(a.id)).status).toBe("resolved");
  });

  it("does not reopen an alert whose source opened a new one meanwhile", async () => {
    const a = await newAlert({ fingerprint: `fp-${Math.random()}` });
    await resolveAlerts(await op(), { ids: [a.id], resolution: "auto" }, new Date());
    await newAlert({ fingerprint: a.fingerprint });
    await expect(
      undoAlertAction(await op(), { ids: [a.id], action: "alert.resolve" }, new Date()),
    ).rejects.toThrow(/same source/);
  });
});
