import { rawRows } from "@/server/db/raw";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { jobContext } from "@/server/services/_core/system";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { scoreTenantDevices } from "./run";

const NOW = new Date("2026-11-04T15:05:00Z");
const H = 3_600_000;
const at = (hoursBefore: number) => new Date(NOW.getTime() - hoursBefore * H);

type Dev = Awaited<ReturnType<typeof createTestDevice>>;
let t: TestTenant;
let other: TestTenant;
let draining: Dev;
let camera: Dev;
let silent: Dev;
let bronzeSensor: Dev;
let noPlan: Dev;
let outage: Dev[];
let foreign: Dev;

const steady = () => ({ battery: 95, signal: -62, temperature: 21, reboots: 3 });

async function alertsOf(tenantId: string, fingerprintLike: string) {
  return db
    .select()
    .from(schema.alerts)
    .where(
      and(eq(schema.alerts.tenantId, tenantId), like(schema.alerts.fingerprint, fingerprintLike)),
    );
}

/** A device's live state and its health as of the last run. */
const device = async (id: string) =>
  (
    await db
      .select({
        online: schema.devices.online,
        offlineSince: schema.devices.offlineSince,
        lastSeenAt: schema.devices.lastSeenAt,
        healthScore: schema.deviceHealth.score,
        healthComponents: schema.deviceHealth.components,
        prediction: schema.deviceHealth.prediction,
        failureProbability: schema.deviceHealth.probability,
        scoredAt: schema.deviceHealth.scoredAt,
      })
      .from(schema.devices)
      .leftJoin(schema.deviceHealth, eq(schema.deviceHealth.deviceId, schema.devices.id))
      .where(eq(schema.devices.id, id))
  )[0];

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("dev-run"), createTestTenant("dev-run-o")]);
  // a third client on no plan, with a site of its own
  const [none] = await db
    .insert(schema.clients)
    .values({ tenantId: t.tenant.id, name: "No Plan Client", tier: "none" })
    .returning();
  const [noneSite] = await db
    .insert(schema.sites)
    .values({
      tenantId: t.tenant.id,
      clientId: none?.id ?? "",
      name: "No Plan Site",
      timeZone: "UTC",
      latitude: 1,
      longitude: 1,
    })
    .returning();
  t.sites.push(noneSite as (typeof t.sites)[number]);

  draining = await createTestDevice(t, { site: 0, kind: "panic_button", name: "Panic lobby" });
  camera = await createTestDevice(t, { site: 0, kind: "camera", name: "Cam dock" });
  silent = await createTestDevice(t, { site: 0, kind: "sensor", name: "Door sensor" });
  bronzeSensor = await createTestDevice(t, { site: 2, kind: "sensor", name: "Bronze sensor" });
  noPlan = await createTestDevice(t, { site: 3, kind: "sensor", name: "Unplanned sensor" });
  outage = [];
  for (let i = 0; i < 4; i++)
    outage.push(await createTestDevice(t, { site: 1, kind: "camera", name: `Depot cam ${i}` }));
  foreign = await createTestDevice(other, { site: 0, kind: "sensor" });

  const day = { from: at(24), to: NOW, now: NOW };
  await sendReadings(t.tenant.id, draining, {
    ...day,
    stepMin: 10,
    // 30 % to about 8 % over the day
    at: (i) => ({ battery: 30 - i * 0.152, signal: -70, temperature: 20, reboots: 1 }),
  });
  await sendReadings(t.tenant.id, camera, { ...day, at: () => ({ ...steady(), battery: null }) });
  // stopped two hours ago
  await sendReadings(t.tenant.id, silent, { ...day, to: at(2), stepMin: 10, at: steady });
  await sendReadings(t.tenant.id, bronzeSensor, {
    ...day,
    stepMin: 10,
    at: (i) => ({ battery: 30 - i * 0.152, signal: -70, temperature: 20 }),
  });
  await sendReadings(t.tenant.id, noPlan, { ...day, to: at(3), stepMin: 10, at: steady });
  // three of the depot's four cameras went quiet together 40 minutes ago
  for (const [i, d] of outage.entries())
    await sendReadings(t.tenant.id, d, {
      ...day,
      to: i < 3 ? new Date(NOW.getTime() - 40 * 60_000 + i * 60_000) : NOW,
      at: () => ({ ...steady(), battery: null }),
    });
  await sendReadings(other.tenant.id, foreign, { ...day, to: at(5), stepMin: 10, at: steady });
});

describe("the hourly device health run", () => {
  it("scores, predicts and alerts, gated by each client's plan", async () => {
    const r = await scoreTenantDevices(jobContext(t.tenant.id, "test"), NOW);
    expect(r).toMatchObject({ scoredBy: "rules", rolledHours: 24 });
    // gold: a score with its components, and its history row
    const panic = await device(draining.id);
    expect(panic?.healthScore).toBeGreaterThan(0);
    expect(panic?.healthComponents).toMatchObject({ battery: expect.any(Number), uptime: 100 });
    expect(panic?.prediction).toMatchObject({
      type: "battery",
      recommendation: "Replace or charge the battery",
    });
    expect(panic?.failureProbability).toBeGreaterThanOrEqual(0.6);
    const history = await db
      .select()
      .from(schema.deviceScores)
      .where(eq(schema.deviceScores.deviceId, draining.id));
    expect(history).toEqual([
      expect.objectContaining({ runAt: NOW, score: panic?.healthScore, failureType: "battery" }),
    ]);
    // a mains-powered camera: no battery component, a full score
    const cam = await device(camera.id);
    expect(cam?.healthComponents?.battery).toBeNull();
    expect(cam?.healthScore).toBeGreaterThan(90);
    // bronze: a prediction and its alert, but no score (dashboards are silver and up)
    const bronze = await device(bronzeSensor.id);
    expect(bronze?.healthScore).toBeNull();
    expect(bronze?.prediction?.type).toBe("battery");
    expect(
      await db
        .select()
        .from(schema.deviceScores)
        .where(eq(schema.deviceScores.deviceId, bronzeSensor.id)),
    ).toEqual([]);
    expect(await alertsOf(t.tenant.id, `device-failure:${bronzeSensor.id}:%`)).toHaveLength(1);
    // no plan: marked offline (it went quiet 3 h ago), nothing else
    const unplanned = await device(noPlan.id);
    expect(unplanned).toMatchObject({ online: false, healthScore: null, prediction: null });
    expect(await alertsOf(t.tenant.id, `device-offline:${noPlan.id}`)).toEqual([]);

    const [failure] = await alertsOf(t.tenant.id, `device-failure:${draining.id}:%`);
    expect(failure).toMatchObject({
      type: "DEVICE_FAILURE",
      source: "device",
      deviceId: draining.id,
      fingerprint: `device-failure:${draining.id}:battery`,
      status: "new",
    });
    expect(failure?.title).toMatch(/^Battery failure likely within the hour: Panic lobby/);
    expect(failure?.description).toMatch(/Recommended: Replace or charge the battery\.$/);
  });

  it("marks a device offline after its kind's timeout without any new data, and alerts once", async () => {
    const d = await device(silent.id);
    expect(d).toMatchObject({ online: false });
    expect(d?.offlineSince?.getTime()).toBe(d?.lastSeenAt?.getTime());
    expect(await alertsOf(t.tenant.id, `device-offline:${silent.id}`)).toHaveLength(1);
    const failures = await db
      .select()
      .from(schema.deviceFailures)
      .where(eq(schema.deviceFailures.deviceId, silent.id));
    expect(failures.map((f) => f.type)).toEqual(["connectivity"]);
  });

  it("raises one site-level alert when most of a site's devices go offline together", async () => {
    const site = await alertsOf(t.tenant.id, `site-offline:${outage[0]?.siteId}`);
    expect(site).toHaveLength(1);
    expect(site[0]).toMatchObject({ type: "DEVICE_OFFLINE", deviceId: null, severity: "high" });
    expect(site[0]?.title).toBe("3 of 4 devices offline at Gold Depot");
    const perDevice = await db
      .select()
      .from(schema.alerts)
      .where(
        inArray(
          schema.alerts.fingerprint,
          outage.map((d) => `device-offline:${d.id}`),
        ),
      );
    expect(perDevice).toEqual([]);
  });

  it("keeps one alert per device and type across repeated runs", async () => {
    await scoreTenantDevices(jobContext(t.tenant.id, "test"), NOW);
    await scoreTenantDevices(
      jobContext(t.tenant.id, "test"),
      new Date(NOW.getTime() + 10 * 60_000),
    );
    // the rerun at the same instant replaced that instant's history rows
    const history = await db
      .select({ runAt: schema.deviceScores.runAt })
      .from(schema.deviceScores)
      .where(eq(schema.deviceScores.deviceId, draining.id));
    expect(history.map((h) => h.runAt.getTime()).sort()).toEqual([
      NOW.getTime(),
      NOW.getTime() + 10 * 60_000,
    ]);
    const alerts = await alertsOf(t.tenant.id, `device-failure:${draining.id}:%`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.occurrenceCount).toBe(1);
    expect(await alertsOf(t.tenant.id, `device-offline:${silent.id}`)).toHaveLength(1);
    expect(await alertsOf(t.tenant.id, `site-offline:%`)).toHaveLength(1);
  });

  it("resolves the alerts automatically when the devices recover", async () => {
    const later = new Date(NOW.getTime() + H);
    // a new battery, the sensor back, the depot's cameras back
    await sendReadings(t.tenant.id, draining, {
      from: new Date(NOW.getTime() + 5 * 60_000),
      to: later,
      stepMin: 10,
      now: later,
      at: () => ({ battery: 100, signal: -70, temperature: 20, reboots: 1 }),
    });
    for (const d of [silent, ...outage])
      await sendReadings(t.tenant.id, d, {
        from: new Date(later.getTime() - 10 * 60_000),
        to: later,
        now: later,
        at: () => ({ ...steady(), battery: d === silent ? 95 : null }),
      });
    const r = await scoreTenantDevices(jobContext(t.tenant.id, "test"), later);
    expect(r.alertsResolved).toBeGreaterThanOrEqual(3);
    const [failure] = await alertsOf(t.tenant.id, `device-failure:${draining.id}:%`);
    expect(failure).toMatchObject({ status: "resolved", resolution: "auto" });
    const [offline] = await alertsOf(t.tenant.id, `device-offline:${silent.id}`);
    expect(offline).toMatchObject({ status: "resolved", resolutionNote: "Back online" });
    const [site] = await alertsOf(t.tenant.id, `site-offline:%`);
    expect(site?.status).toBe("resolved");
    expect(await device(silent.id)).toMatchObject({ online: true, offlineSince: null });
  });

  it("never reads or writes another tenant's devices", async () => {
    const theirs = await device(foreign.id);
    expect(theirs).toMatchObject({ online: true, healthScore: null, scoredAt: null });
    const [mine] = await rawRows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from telemetry_hourly where device_id = ${foreign.id}`,
    );
    expect(mine?.n).toBe(0);
    expect(await alertsOf(other.tenant.id, "device-%")).toEqual([]);
  });
});
