import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { jobContext } from "@/server/services/_core/system";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";
import { sendReadings } from "@/server/test/telemetry";
import { evaluateDevice, type DeviceRow } from "./evaluate";
import { deviceStatesQuery, deviceWindowsQuery, scoreTenantDevices } from "./run";
import { sumsOf } from "./window";
import { WINDOW_SLIDES_BEFORE_RESUM } from "./window-state";

const H = 3_600_000;
const TO0 = new Date("2026-11-22T12:00:00Z");
const hourAfter = (k: number) => new Date(TO0.getTime() + k * H);

/** The tenant's slid windows against the same windows summed afresh, and what they score. */
async function compareWithAfresh(tenantId: string, to: Date, now: Date) {
  const slid = await rawRows<DeviceRow>(db, deviceStatesQuery(tenantId, to));
  const afresh = await rawRows<DeviceRow>(db, deviceWindowsQuery(tenantId, to));
  const byId = new Map(afresh.map((r) => [r.id, r]));
  expect(slid.map((r) => r.id).sort()).toEqual([...byId.keys()].sort());
  for (const row of slid) {
    const ref = byId.get(row.id);
    if (!ref) throw new Error(`no window summed afresh for ${row.id}`);
    const want = sumsOf(ref);
    for (const [k, v] of Object.entries(sumsOf(row))) {
      const what = `${k} of ${row.id} at ${to.toISOString()}`;
      const expected = want[k as keyof typeof want];
      if (expected === null) expect(v, what).toBeNull();
      else expect(v, what).toBeCloseTo(expected, 9);
    }
    const a = evaluateDevice(row, null, now);
    const b = evaluateDevice(ref, null, now);
    expect({ score: a.score, components: a.components, prediction: a.prediction }).toEqual({
      score: b.score,
      components: b.components,
      prediction: b.prediction,
    });
  }
}

/**
 * The hourly run slides each device's window by an hour instead of summing its 24 rollups
 * again: after every run the slid windows must equal the windows summed afresh from the
 * rollups, and so must the scores and predictions made from them — through an hour with no
 * readings, a device added mid-window, a maximum whose hour left, and a late reading into an
 * hour already rolled up.
 */
describe("sliding device windows", () => {
  it("equal the windows summed afresh from the rollups, hour after hour", async () => {
    const t = await createTestTenant("dev-slide");
    const ctx = jobContext(t.tenant.id, "test");
    const sensor = await createTestDevice(t, { site: 0, kind: "sensor" });
    const camera = await createTestDevice(t, { site: 0, kind: "camera" });
    const quiet = await createTestDevice(t, { site: 0, kind: "panic_button" });
    // the sensor's one temperature spike is in the first hour of the first window
    const values = (i: number, ts: Date) => ({
      battery: 90 - (ts.getTime() - TO0.getTime() + 30 * H) / H / 3 + (i % 3) * 0.1,
      signal: -70 - (i % 5) * 1.5,
      temperature: ts.getTime() === TO0.getTime() - 24 * H + 20 * 60_000 ? 71 : 22 + (i % 2),
      reboots: ts < hourAfter(-10) ? 4 : 5,
      online: i % 11 !== 0,
    });
    const cameraValues = (i: number) => ({ battery: null, signal: -60 - (i % 4), reboots: 2 });
    const send = async (from: Date, to: Date, now: Date) => {
      await sendReadings(t.tenant.id, sensor, { from, to, now, stepMin: 10, at: values });
      await sendReadings(t.tenant.id, camera, { from, to, now, at: cameraValues });
    };
    await send(new Date(TO0.getTime() - 26 * H), TO0, TO0);

    const compare = (to: Date, now: Date) => compareWithAfresh(t.tenant.id, to, now);

    // the first run sums every window afresh
    const runAt = async (k: number) => {
      const now = new Date(hourAfter(k).getTime() + 5 * 60_000);
      const r = await scoreTenantDevices(ctx, now);
      await compare(hourAfter(k), now);
      return r.windowsSummedAfresh;
    };
    expect(await runAt(0)).toBe(-1);
    // the spike's hour leaves: the sensor's window is summed afresh, the others slide
    await send(hourAfter(0), hourAfter(1), hourAfter(1));
    expect(await runAt(1)).toBe(1);
    // an hour with no readings at all
    expect(await runAt(2)).toBe(0);
    // a device added mid-window, heard from in the last hour only
    const added = await createTestDevice(t, { site: 0, kind: "sensor" });
    await send(hourAfter(2), hourAfter(3), hourAfter(3));
    await sendReadings(t.tenant.id, added, {
      from: hourAfter(2),
      to: hourAfter(3),
      now: hourAfter(3),
      stepMin: 10,
      at: values,
    });
    expect(await runAt(3)).toBe(1);
    // a late reading for an hour already rolled up: rolled again, every window summed afresh
    await send(hourAfter(3), hourAfter(4), hourAfter(4));
    await sendReadings(t.tenant.id, quiet, {
      from: hourAfter(-2),
      to: new Date(hourAfter(-2).getTime() + 60_000),
      now: hourAfter(4),
      at: () => ({ battery: 50, signal: -80, temperature: 30, reboots: 1 }),
    });
    expect(await runAt(4)).toBe(-1);
    // and sliding again from there, a rerun in the same hour changing nothing
    await send(hourAfter(4), hourAfter(5), hourAfter(5));
    expect(await runAt(5)).toBe(0);
    expect(await runAt(5)).toBe(0);
  });

  it("are summed afresh once slid a day's worth of times, a share of the fleet each hour", async () => {
    const t = await createTestTenant("dev-slide-resum");
    const ctx = jobContext(t.tenant.id, "test");
    const fleet: Awaited<ReturnType<typeof createTestDevice>>[] = [];
    for (let i = 0; i < 4; i++) fleet.push(await createTestDevice(t, { site: 0, kind: "sensor" }));
    // steady readings: no maximum or minimum ever leaves, so only the count re-sums a window
    const steady = (i: number) => ({ battery: 80 - i * 0.01, signal: -70 - (i % 3), reboots: 2 });
    const send = (from: Date, to: Date) =>
      Promise.all(
        fleet.map((d) =>
          sendReadings(t.tenant.id, d, { from, to, now: to, stepMin: 15, at: steady }),
        ),
      );
    const N = WINDOW_SLIDES_BEFORE_RESUM;
    await send(new Date(TO0.getTime() - 24 * H), TO0);
    const runAt = async (k: number) => {
      const now = new Date(hourAfter(k).getTime() + 5 * 60_000);
      const r = await scoreTenantDevices(ctx, now);
      await compareWithAfresh(t.tenant.id, hourAfter(k), now);
      return r;
    };
    expect((await runAt(0)).windowsSummedAfresh).toBe(-1);
    // the full sum started each count at its device's own offset (the id's last byte)
    const offset = new Map(fleet.map((d) => [d.id, parseInt(d.id.slice(-2), 16) % N]));
    const counts = async () =>
      new Map(
        (
          await rawRows<{ id: string; slides: number }>(
            db,
            sql`select device_id as id, slides from device_windows where tenant_id = ${t.tenant.id}`,
          )
        ).map((r) => [r.id, r.slides]),
      );
    expect(await counts()).toEqual(offset);
    // a window is slid until it has been slid N times in all, then summed afresh (its count
    // back to 0): within the next N + 1 runs each window is summed afresh exactly once, in
    // the run its offset gives it, and never slid an (N + 1)th time
    const dueAt = new Map(fleet.map((d) => [d.id, N + 1 - (offset.get(d.id) ?? 0)]));
    for (let k = 1; k <= N + 1; k++) {
      await send(hourAfter(k - 1), hourAfter(k));
      const r = await runAt(k);
      const due = fleet.filter((d) => dueAt.get(d.id) === k);
      expect({ k, afresh: r.windowsSummedAfresh, due: r.windowsResummedAsDue }).toEqual({
        k,
        afresh: 0,
        due: due.length,
      });
      const now = await counts();
      for (const d of fleet) {
        const at = dueAt.get(d.id) ?? 0;
        expect(now.get(d.id), `slides of ${d.id} after run ${k}`).toBe(
          k < at ? (offset.get(d.id) ?? 0) + k : k - at,
        );
      }
    }
  });
});
