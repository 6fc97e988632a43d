import { eq } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { scoreTenantDevices } from "@/server/services/devices/run";
import { createTestDevice } from "@/server/test/devices";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";

const NOW = new Date();
const H = 3_600_000;
type Dev = Awaited<ReturnType<typeof createTestDevice>>;
let t: TestTenant;
let other: TestTenant;
let gold: Dev;
let goldHealthy: Dev;
let bronze: Dev;
let theirs: Dev;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("dev-api"), createTestTenant("dev-api-o")]);
  gold = await createTestDevice(t, { site: 0, kind: "panic_button", name: "Panic reception" });
  goldHealthy = await createTestDevice(t, { site: 1, kind: "camera", name: "Gate camera" });
  bronze = await createTestDevice(t, { site: 2, kind: "sensor", name: "Store sensor" });
  theirs = await createTestDevice(other, { site: 0, kind: "sensor" });
  const day = { from: new Date(NOW.getTime() - 24 * H), to: NOW, now: NOW, stepMin: 10 };
  const draining = (i: number) => ({ battery: 30 - i * 0.152, signal: -70, temperature: 21 });
  await sendReadings(t.tenant.id, gold, { ...day, at: draining });
  await sendReadings(t.tenant.id, goldHealthy, {
    ...day,
    stepMin: 5,
    at: () => ({ signal: -60, temperature: 25 }),
  });
  await sendReadings(t.tenant.id, bronze, { ...day, at: draining });
  await sendReadings(other.tenant.id, theirs, { ...day, at: draining });
  await scoreTenantDevices(jobContext(t.tenant.id, "test"), NOW);
  await scoreTenantDevices(jobContext(other.tenant.id, "test"), NOW);
  // the site manager looks after the gold client's first site only
  await db.insert(schema.userScopes).values({
    tenantId: t.tenant.id,
    userId: t.users.site_manager.id,
    siteId: t.sites[0]?.id,
  });
});

describe("device.fleet", () => {
  it("summarises the silver-and-up fleet and shows the bronze client locked", async () => {
    const fleet = await callerFor(t.users.noc_operator).device.fleet({});
    expect(fleet.counts).toMatchObject({ total: 2, online: 2, offline: 0, atRisk: 1 });
    expect(fleet.histogram).toHaveLength(10);
    expect(fleet.histogram.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(fleet.worst.map((d) => d.id)).toEqual([gold.id, goldHealthy.id]);
    expect(fleet.worst[0]).toMatchObject({ failureType: "battery", siteName: "Gold HQ" });
    expect(fleet.sites.map((s) => s.siteName).sort()).toEqual(["Gold Depot", "Gold HQ"]);
    expect(fleet.lockedClients).toEqual([
      { id: t.clients.bronze.id, name: "Bronze Client", tier: "bronze" },
    ]);
    expect(fleet.replacement.available).toBe(true);
    expect(fleet.lastRunAt).toEqual(NOW);
  });

  it("refuses a filter on a client whose plan lacks dashboards, naming the tier", async () => {
    await expect(
      callerFor(t.users.admin).device.fleet({ clientId: t.clients.bronze.id }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Device health monitoring needs the Silver plan/),
    });
  });

  it("narrows a site manager to their sites, and another tenant to its own devices", async () => {
    const mine = await callerFor(t.users.site_manager).device.fleet({});
    expect(mine.worst.map((d) => d.id)).toEqual([gold.id]);
    const list = await callerFor(other.users.admin).device.list({});
    expect(list.items.map((d) => d.id)).toEqual([theirs.id]);
  });

  it("lists and filters the fleet", async () => {
    const admin = callerFor(t.users.admin);
    expect((await admin.device.list({ status: "at_risk" })).items.map((d) => d.id)).toEqual([
      gold.id,
    ]);
    expect((await admin.device.list({ kind: "camera" })).items.map((d) => d.id)).toEqual([
      goldHealthy.id,
    ]);
    expect((await admin.device.list({ q: "reception" })).items).toHaveLength(1);
  });
});

describe("device.get and device.snapshot", () => {
  it("gives the device page its 7-day series, score trend, prediction and alerts", async () => {
    const d = await callerFor(t.users.specialist).device.get({ id: gold.id });
    expect(d.device).toMatchObject({ id: gold.id, score: expect.any(Number) });
    expect(d.device.prediction).toMatchObject({
      type: "battery",
      recommendation: "Replace or charge the battery",
    });
    // the finished hours from rollups, the current one from raw readings
    expect(d.series.length).toBeGreaterThanOrEqual(24);
    // the newest reading's hour (readings every 10 minutes from 24 h before NOW, NOW left out)
    const newest = NOW.getTime() - 24 * H + Math.floor((24 * H - 1) / 600_000) * 600_000;
    expect(d.series.at(-1)?.hour.getTime()).toBe(Math.floor(newest / H) * H);
    expect(d.series.every((p) => p.battery === null || (p.battery > 0 && p.battery <= 31))).toBe(
      true,
    );
    expect(d.scores).toEqual([expect.objectContaining({ runAt: NOW })]);
    // when its health last changed, and when the tenant's run last checked it
    expect(d.device.scoredAt).toEqual(NOW);
    expect(d.lastRunAt).toEqual(NOW);
    expect(d.alerts.map((a) => a.type)).toEqual(["DEVICE_FAILURE"]);
    expect(d.replacement.available).toBe(true);
  });

  it("refuses the page of a bronze client's device, and finds no device of another tenant", async () => {
    const admin = callerFor(t.users.admin);
    await expect(admin.device.get({ id: bronze.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.device.get({ id: theirs.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(t.users.site_manager).device.get({ id: goldHealthy.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives the NOC panel a bronze device's prediction, with its health shown locked", async () => {
    const s = await callerFor(t.users.noc_operator).device.snapshot({ id: bronze.id });
    expect(s.prediction?.type).toBe("battery");
    expect(s.predictionAsOf).toEqual(NOW);
    expect(s.health).toBeNull();
    expect(s.sparkline).toBeNull();
    expect(s.locked).toEqual(["deviceHealth"]);
    const g = await callerFor(t.users.noc_operator).device.snapshot({ id: gold.id });
    expect(g.sparkline?.focus).toBe("battery");
    expect(g.sparkline?.points.length).toBeGreaterThanOrEqual(24);
    expect(g.health?.score).toEqual(expect.any(Number));
  });
});

describe("device.createWorkOrder", () => {
  it("creates a vendor work order from the recommendation with the diagnostics, once", async () => {
    const manager = callerFor(t.users.site_manager);
    const first = await manager.device.createWorkOrder({ deviceId: gold.id });
    expect(first.created).toBe(true);
    const [wo] = await db
      .select()
      .from(schema.workOrders)
      .where(eq(schema.workOrders.id, first.workOrderId));
    expect(wo).toMatchObject({ siteId: gold.siteId, category: "access_control", priority: "high" });
    expect(wo?.title).toMatch(/^Replace or charge the battery: Panic reception/);
    expect(wo?.description).toMatch(/Predicted battery failure, \d+ % within the hour/);
    const [link] = await db
      .select()
      .from(schema.deviceWorkOrders)
      .where(eq(schema.deviceWorkOrders.workOrderId, first.workOrderId));
    expect(link).toMatchObject({ deviceId: gold.id, failureType: "battery" });
    expect(link?.diagnostics).toMatchObject({ device: { serial: gold.serial } });
    const again = await manager.device.createWorkOrder({ deviceId: gold.id });
    expect(again).toMatchObject({ workOrderId: first.workOrderId, created: false });
  });

  it("needs a type when there is no prediction, and the right to manage work orders", async () => {
    const admin = callerFor(t.users.admin);
    const [none] = await db
      .update(schema.deviceHealth)
      .set({ prediction: null })
      .where(eq(schema.deviceHealth.deviceId, goldHealthy.id))
      .returning();
    expect(none).toBeDefined();
    await expect(admin.device.createWorkOrder({ deviceId: goldHealthy.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^type: /),
    });
    await expect(
      callerFor(t.users.noc_operator).device.createWorkOrder({ deviceId: gold.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(other.users.admin).device.createWorkOrder({ deviceId: gold.id, type: "device" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("device registration and keys", () => {
  it("registers a device with a key shown once, and refuses a second device with the serial", async () => {
    const admin = callerFor(t.users.admin);
    const input = {
      siteId: t.sites[0]?.id ?? "",
      kind: "fire_panel" as const,
      name: "Fire panel",
      serial: `FP-${Math.random()}`,
    };
    const created = await admin.device.create(input);
    expect(created.key).toMatch(/^wfd_/);
    const [row] = await db.select().from(schema.devices).where(eq(schema.devices.id, created.id));
    expect(row?.apiKeyHash).not.toContain(created.key);
    await expect(admin.device.create(input)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      callerFor(t.users.supervisor).device.create({ ...input, serial: "X" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
