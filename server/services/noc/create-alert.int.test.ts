import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_CHANNEL } from "@/lib/live-topics";
import { db, schema } from "@/server/db";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { createAlert } from "./create-alert";

// createAlert is one statement: what the eight round trips it replaced did must all still happen

let t: TestTenant;
const NOW = new Date("2026-12-02T09:00:00Z");
const listener = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => undefined });
const heard: { t: string; topic: string; ids: string[] }[] = [];
afterAll(() => listener.end());

beforeAll(async () => {
  t = await createTestTenant("create-alert");
  await listener.listen(LIVE_CHANNEL, (payload) => heard.push(JSON.parse(payload) as never));
});

const siteId = () => t.sites[0]?.id ?? "";
const input = (fingerprint?: string) => ({
  siteId: siteId(),
  type: "DEVICE_OFFLINE" as const,
  severity: "medium" as const,
  title: "Camera 4 offline",
  description: "first",
  fingerprint,
  source: "api" as const,
});
const audits = (id: string) =>
  db
    .select({ action: schema.auditLog.action, after: schema.auditLog.after })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, "alert"), eq(schema.auditLog.entityId, id)))
    .orderBy(schema.auditLog.id);
const outbox = (tx: typeof db | Parameters<Parameters<typeof db.transaction>[0]>[0], id: string) =>
  tx
    .select({ name: schema.eventOutbox.name, data: schema.eventOutbox.data })
    .from(schema.eventOutbox)
    .where(sql`${schema.eventOutbox.data}->>'alertId' = ${id}`);
const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe("createAlert in one statement", () => {
  it("creates, audits, requests triage and announces; a repeat counts, audits and announces again", async () => {
    const ctx = jobContext(t.tenant.id, "test");
    const fp = `cam-4-${Math.random()}`;
    const first = await createAlert(ctx, input(fp), NOW);
    expect(first.created).toBe(true);
    const later = new Date(NOW.getTime() + 60_000);
    const again = await createAlert(ctx, { ...input(fp), description: "second" }, later);
    expect(again).toEqual({ id: first.id, created: false });
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, first.id));
    expect(row).toMatchObject({
      tenantId: t.tenant.id,
      clientId: t.sites[0]?.clientId,
      status: "new",
      source: "api",
      occurrenceCount: 2,
      description: "second",
      suppressedByWindowId: null,
      firstSeenAt: NOW,
      lastSeenAt: later,
      createdAt: NOW,
    });
    expect(await audits(first.id)).toEqual([
      {
        action: "alert.create",
        after: {
          type: "DEVICE_OFFLINE",
          severity: "medium",
          title: "Camera 4 offline",
          source: "api",
          suppressed: false,
        },
      },
      { action: "alert.repeat", after: { occurrence: "another" } },
    ]);
    await waitFor(() => heard.filter((h) => h.ids.includes(first.id)).length >= 2);
    expect(heard.filter((h) => h.ids.includes(first.id))).toEqual([
      { t: t.tenant.id, topic: "alert", ids: [first.id] },
      { t: t.tenant.id, topic: "alert", ids: [first.id] },
    ]);
  });

  it("queues triage in the caller's transaction, and leaves nothing when it rolls back", async () => {
    let id = "";
    await db
      .transaction(async (tx) => {
        ({ id } = await createAlert(jobContext(t.tenant.id, "test", tx), input(), NOW));
        expect(await outbox(tx, id)).toEqual([
          { name: "noc/alert.created", data: { tenantId: t.tenant.id, alertId: id } },
        ]);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(id).not.toBe("");
    expect(await db.select().from(schema.alerts).where(eq(schema.alerts.id, id))).toEqual([]);
    expect(await audits(id)).toEqual([]);
    expect(await outbox(db, id)).toEqual([]);
  });

  it("fingerprints by type, site and subject when none is given", async () => {
    const deviceId = "00000000-0000-4000-8000-000000000042";
    const ctx = jobContext(t.tenant.id, "test");
    const { id } = await createAlert(ctx, { ...input(), deviceId }, NOW);
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(row?.fingerprint).toBe(`DEVICE_OFFLINE:${siteId()}:${deviceId}`);
    expect(row?.deviceId).toBe(deviceId);
  });

  it("is held back by a window in force for its type, never a life-safety one", async () => {
    const [w] = await db
      .insert(schema.maintenanceWindows)
      .values({
        tenantId: t.tenant.id,
        name: "Camera work",
        startsAt: new Date(NOW.getTime() - 3_600_000),
        endsAt: new Date(NOW.getTime() + 3_600_000),
        siteIds: [siteId()],
        types: ["DEVICE_OFFLINE", "FIRE_ALARM"],
      })
      .returning();
    const ctx = jobContext(t.tenant.id, "test");
    const held = await createAlert(ctx, input(`held-${Math.random()}`), NOW);
    const fire = await createAlert(
      ctx,
      { ...input(`fire-${Math.random()}`), type: "FIRE_ALARM", severity: "critical" },
      NOW,
    );
    const after = await createAlert(
      ctx,
      input(`after-${Math.random()}`),
      new Date(NOW.getTime() + 7_200_000),
    );
    const suppressedBy = async (id: string) =>
      (await db.select().from(schema.alerts).where(eq(schema.alerts.id, id)))[0]
        ?.suppressedByWindowId;
    expect(await suppressedBy(held.id)).toBe(w?.id);
    expect((await audits(held.id))[0]?.after).toMatchObject({ suppressed: true });
    expect(await suppressedBy(fire.id)).toBeNull();
    expect(await suppressedBy(after.id)).toBeNull();
  });

  it("writes nothing for a repeated idempotency key, or for another tenant's site", async () => {
    const ctx = jobContext(t.tenant.id, "test");
    const key = `evt-${Math.random()}`;
    const a = await createAlert(ctx, { ...input(`a-${key}`), idempotencyKey: key }, NOW);
    const b = await createAlert(ctx, { ...input(`b-${key}`), idempotencyKey: key }, NOW);
    expect(b).toEqual({ id: a.id, created: false });
    expect(await audits(a.id)).toHaveLength(1);
    const other = await createTestTenant("create-alert-other");
    const fp = `foreign-${Math.random()}`;
    await expect(createAlert(jobContext(other.tenant.id, "test"), input(fp), NOW)).rejects.toThrow(
      "Site not found",
    );
    const foreign = await db.select().from(schema.alerts).where(eq(schema.alerts.fingerprint, fp));
    expect(foreign).toEqual([]);
  });
});
