import { rawRows } from "@/server/db/raw";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { ingestTelemetry } from "@/server/services/devices/ingest";
import { revokeGatewayKey } from "@/server/services/devices/manage";
import { createTestDevice, createTestGatewayKey } from "@/server/test/devices";
import { callerFor, createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { POST } from "./route";

let t: TestTenant;
let other: TestTenant;
let device: Awaited<ReturnType<typeof createTestDevice>>;
let neighbour: Awaited<ReturnType<typeof createTestDevice>>;
let elsewhere: Awaited<ReturnType<typeof createTestDevice>>;
let foreign: Awaited<ReturnType<typeof createTestDevice>>;
let gateway: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("tele"), createTestTenant("tele-o")]);
  device = await createTestDevice(t, { site: 0 });
  neighbour = await createTestDevice(t, { site: 0, kind: "camera" });
  elsewhere = await createTestDevice(t, { site: 1 });
  foreign = await createTestDevice(other, { site: 0 });
  gateway = await createTestGatewayKey(t, 0);
});

function post(key: string, body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/telemetry", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

type Answer = {
  accepted: number;
  inserted: number;
  duplicates: number;
  rejectedCount: number;
  rejected: { index: number; field: string; reason: string }[];
  error?: string;
};

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function stored(deviceId: string) {
  return db
    .select()
    .from(schema.telemetry)
    .where(eq(schema.telemetry.deviceId, deviceId))
    .orderBy(schema.telemetry.ts);
}

describe("POST /api/telemetry", () => {
  it("keeps a device's batch, ignores it the second time, and marks the device seen", async () => {
    const readings = [30, 20, 10].map((m, i) => ({
      ts: minutesAgo(m),
      battery: 80 - i,
      signal: -70,
      temperature: 21.5,
      reboots: 2,
    }));
    const first = await post(device.key, { readings });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      accepted: 3,
      inserted: 3,
      duplicates: 0,
      rejected: [],
    });
    const again = await post(device.key, { readings });
    expect(await again.json()).toMatchObject({ accepted: 3, inserted: 0, duplicates: 3 });
    expect(await stored(device.id)).toHaveLength(3);
    const [d] = await db.select().from(schema.devices).where(eq(schema.devices.id, device.id));
    expect(d).toMatchObject({ online: true, lastBattery: 78, lastSignal: -70, offlineSince: null });
    expect(d?.lastSeenAt?.toISOString()).toBe(readings[2]?.ts);
  });

  it("rejects bad readings by index and field and keeps the good ones of the batch", async () => {
    const d = await createTestDevice(t, { site: 0 });
    const res = await post(d.key, {
      readings: [
        { ts: minutesAgo(9), battery: 50 },
        { ts: minutesAgo(8), battery: 140 },
        { ts: minutesAgo(7), signal: "strong" },
        { ts: new Date(Date.now() + 6 * 60_000).toISOString(), battery: 49 },
        { battery: 48 },
        { ts: "yesterday", battery: 47 },
        { ts: minutesAgo(3), temperature: 22, reboots: 1.5 },
        { ts: new Date(Date.now() + 4 * 60_000).toISOString(), battery: 46, online: false },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body).toMatchObject({ accepted: 2, inserted: 2, rejectedCount: 6 });
    expect(body.rejected.map((r) => `${r.index}.${r.field}`)).toEqual([
      "1.battery",
      "2.signal",
      "3.ts",
      "4.ts",
      "5.ts",
      "6.reboots",
    ]);
    expect(body.rejected[0]?.reason).toBe("must be between 0 and 100 %, got 140");
    expect(body.rejected[2]?.reason).toMatch(/6 minutes in the future/);
    const rows = await stored(d.id);
    expect(rows.map((r) => r.battery)).toEqual([50, 46]);
    const [after] = await db.select().from(schema.devices).where(eq(schema.devices.id, d.id));
    // the newest reading said offline
    expect(after).toMatchObject({ online: false, lastBattery: 46 });
  });

  it("answers 400 naming the first problems when no reading is good, and writes nothing", async () => {
    const d = await createTestDevice(t, { site: 0 });
    const res = await post(d.key, { readings: [{ ts: minutesAgo(1), battery: -1 }, { ts: 5 }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Answer;
    expect(body.error).toMatch(
      /^No reading was accepted: readings\[0\]\.battery: must be between 0 and 100/,
    );
    expect(body.error).toMatch(/readings\[1\]\.ts: is older than the 30-day raw retention/);
    expect(await stored(d.id)).toHaveLength(0);
  });

  it("refuses a batch of more than 5,000 readings with 413", async () => {
    const readings = Array.from({ length: 5_001 }, (_, i) => ({
      ts: minutesAgo(i % 60),
      battery: 50,
    }));
    const res = await post(device.key, { readings });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Answer).error).toMatch(
      /at most 5,000 readings; this one has 5,001/,
    );
  });

  it("refuses a body over 4 MB with 413 before reading it all", async () => {
    const res = await post(device.key, `{"readings": [${'"x",'.repeat(1_100_000)}1]}`);
    expect(res.status).toBe(413);
  });

  it("says what is wrong with the envelope", async () => {
    expect((await post(device.key, [1, 2])).status).toBe(400);
    expect(((await (await post(device.key, { readings: [] })).json()) as Answer).error).toBe(
      "readings: send at least one reading",
    );
    expect((await post(device.key, "{not json")).status).toBe(400);
    expect((await post(device.key, "{}", { "content-type": "text/plain" })).status).toBe(415);
  });

  it("refuses a wrong, missing or revoked key with 401, and a tenant API key with 403", async () => {
    const wrong = await post("wfd_not-a-real-key", { readings: [{ ts: minutesAgo(1) }] });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Answer).error).toBe(
      "That key is not valid or has been revoked",
    );
    const none = await POST(
      new Request("http://localhost/api/telemetry", { method: "POST", body: "{}" }),
    );
    expect(none.status).toBe(401);
    const revoked = await createTestGatewayKey(t, 0);
    expect(
      (await post(revoked, { readings: [{ deviceId: device.id, ts: minutesAgo(1) }] })).status,
    ).toBe(200);
    const [row] = await db
      .select({ id: schema.gatewayKeys.id })
      .from(schema.gatewayKeys)
      .where(eq(schema.gatewayKeys.prefix, revoked.slice(0, 10)));
    await revokeGatewayKey(await ctxFor(t.users.admin), { id: row?.id ?? "" }, new Date());
    expect(
      (await post(revoked, { readings: [{ deviceId: device.id, ts: minutesAgo(1) }] })).status,
    ).toBe(401);
    const tenantKey = (await callerFor(t.users.admin).apiKey.create({ name: "bridge" })).key;
    const res = await post(tenantKey, { readings: [{ ts: minutesAgo(1) }] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Answer).error).toMatch(
      /device's own key or its site gateway's key/,
    );
  });

  it("a device key posts only its own readings: another device is not found", async () => {
    const res = await post(device.key, {
      readings: [{ deviceId: neighbour.id, ts: minutesAgo(1) }],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer).rejected[0]).toMatchObject({
      field: "deviceId",
      reason: expect.stringMatching(/not found/),
    });
  });

  it("a gateway posts for its site's devices; another site's or tenant's device is not found", async () => {
    const ts = minutesAgo(2);
    const res = await post(gateway, {
      readings: [
        { deviceId: neighbour.id, ts, signal: -80 },
        { deviceId: foreign.id, ts, signal: -80 },
        { deviceId: elsewhere.id, ts, signal: -80 },
        { ts, signal: -80 },
        { deviceId: device.id, ts, signal: -81 },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, field: "deviceId", reason: "device not found at this gateway's site" },
      { index: 2, field: "deviceId", reason: "device not found at this gateway's site" },
      { index: 3, field: "deviceId", reason: "is required with a site gateway key" },
    ]);
    expect(await stored(foreign.id)).toHaveLength(0);
    expect(await stored(elsewhere.id)).toHaveLength(0);
    const [f] = await db.select().from(schema.devices).where(eq(schema.devices.id, foreign.id));
    expect(f?.lastSeenAt).toBeNull();
  });

  it("concurrent overlapping batches store each (device, time) once and count each insert once", async () => {
    const a = await createTestDevice(t, { site: 0 });
    const b = await createTestDevice(t, { site: 0 });
    const base = Date.now() - 8 * 3_600_000;
    const reading = (id: string, i: number) => ({
      deviceId: id,
      ts: new Date(base + i * 60_000).toISOString(),
      battery: 90 - i / 10,
    });
    // eight batches, each overlapping the next by half, in reverse device order every other one
    const batches = Array.from({ length: 8 }, (_, k) => {
      const rows = Array.from({ length: 100 }, (_, i) => k * 50 + i).flatMap((i) => [
        reading(a.id, i),
        reading(b.id, i),
      ]);
      return k % 2 ? rows.reverse() : rows;
    });
    const answers = (await Promise.all(
      batches.map((readings) => post(gateway, { readings }).then((r) => r.json())),
    )) as Answer[];
    const distinct = 2 * (7 * 50 + 100);
    expect(answers.filter((x) => x.error)).toEqual([]);
    expect(answers.reduce((s, x) => s + x.inserted, 0)).toBe(distinct);
    expect(answers.reduce((s, x) => s + x.duplicates, 0)).toBe(8 * 200 - distinct);
    const [count] = await rawRows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from telemetry where device_id in (${a.id}, ${b.id})`,
    );
    expect(count?.n).toBe(distinct);
    const seen = await db
      .select({ lastSeenAt: schema.devices.lastSeenAt })
      .from(schema.devices)
      .where(inArray(schema.devices.id, [a.id, b.id]));
    expect(seen.map((s) => s.lastSeenAt?.getTime())).toEqual([
      base + 449 * 60_000,
      base + 449 * 60_000,
    ]);
  });

  it("marks a finished hour that got a late reading, for the next rollup", async () => {
    const d = await createTestDevice(t, { site: 0 });
    const late = new Date(Date.now() - 5 * 3_600_000);
    await post(d.key, { readings: [{ ts: late.toISOString(), battery: 70 }] });
    const hour = new Date(Math.floor(late.getTime() / 3_600_000) * 3_600_000);
    const [mark] = await db
      .select()
      .from(schema.telemetryRollupHours)
      .where(
        sql`${schema.telemetryRollupHours.tenantId} = ${t.tenant.id} and ${schema.telemetryRollupHours.hour} = ${hour.toISOString()}`,
      );
    expect(mark?.dirty).toBe(true);
  });

  it("creates the day's partition when a reading falls on a day that has none", async () => {
    const d = await createTestDevice(t, { site: 0 });
    const now = new Date("2031-02-03T10:00:00Z");
    const r = await ingestTelemetry(
      jobContext(t.tenant.id, "test"),
      {
        key: {
          kind: "device",
          tenantId: t.tenant.id,
          keyId: d.id,
          label: "d",
          deviceId: d.id,
          siteId: d.siteId,
        },
        readings: [{ ts: "2031-02-03T09:59:00Z", battery: 60 }],
      },
      now,
    );
    expect(r).toMatchObject({ accepted: 1, inserted: 1 });
    const [p] = await rawRows<{ name: string | null }>(
      db,
      sql`select to_regclass('telemetry_p20310203')::text as name`,
    );
    expect(p?.name).toBe("telemetry_p20310203");
  });
});
