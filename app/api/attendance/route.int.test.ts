import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { createGuard, createShift } from "@/server/test/shift-factories";
import { POST } from "./route";

let t: TestTenant;
let other: TestTenant;
let key: string;

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("att-api"), createTestTenant("att-api-o")]);
  key = (await callerFor(t.users.admin).apiKey.create({ name: "lobby NFC reader" })).key;
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/attendance", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const minutes = (m: number) => new Date(Date.now() + m * 60_000);
const site = () => {
  const s = t.sites[0];
  if (!s) throw new Error("no site");
  return s;
};

describe("POST /api/attendance", () => {
  it("records a reader's check-in on the guard's shift around the time, with its geofence verdict", async () => {
    const guard = await createGuard(t, "Reader");
    const shift = await createShift(site(), { startsAt: minutes(10), guard });
    const r = await post({
      guardId: guard.id,
      kind: "check_in",
      method: "nfc",
      at: new Date().toISOString(),
      latitude: 41.8801,
      longitude: -87.6301,
      accuracyM: 8,
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ shiftId: shift.id, verdict: "on_site", findings: 0 });
    const [event] = await db
      .select()
      .from(schema.attendanceEvents)
      .where(eq(schema.attendanceEvents.shiftId, shift.id));
    expect(event).toMatchObject({ method: "nfc", kind: "check_in" });
    expect(event?.apiKeyId).not.toBeNull();
    // without a fix: kept, as an unknown location
    const out = await post({ guardId: guard.id, kind: "check_out", method: "nfc", at: Date.now() });
    expect(out.status).toBe(201);
    expect(await out.json()).toMatchObject({ shiftId: shift.id, verdict: "no_fix" });
  });

  it("says clearly what is wrong, naming the field, and writes nothing", async () => {
    const guard = await createGuard(t, "Bad input");
    const shift = await createShift(site(), { startsAt: minutes(-10), guard });
    const colleague = await createGuard(t, "Colleague");
    const theirs = await createShift(site(), { startsAt: minutes(-10), guard: colleague });
    const foreign = await createShift(other.sites[0] ?? site(), {
      startsAt: minutes(-10),
      guard: other.users.guard,
    });
    const valid = {
      guardId: guard.id,
      shiftId: shift.id,
      kind: "check_in",
      method: "app",
      at: new Date().toISOString(),
    };
    const fix = { latitude: 41.88, longitude: -87.63, accuracyM: 10 };
    const cases: [unknown, number, RegExp][] = [
      [{ ...valid, ...fix, latitude: 91 }, 400, /^latitude: latitude must be between -90 and 90/],
      [
        { ...valid, ...fix, longitude: -181 },
        400,
        /^longitude: longitude must be between -180 and 180/,
      ],
      [{ ...valid, ...fix, accuracyM: -1 }, 400, /^accuracyM: accuracyM cannot be negative/],
      [
        { ...valid, latitude: 41.88 },
        400,
        /^longitude: Send latitude, longitude and accuracyM together/,
      ],
      [
        { ...valid, at: minutes(6).toISOString() },
        400,
        /^at: .* more than 5 minutes in the future/,
      ],
      [{ ...valid, at: "yesterday-ish" }, 400, /^at: at must be a date and time/],
      [{ ...valid, kind: "lunch" }, 400, /^kind: kind must be check_in or check_out/],
      [{ ...valid, method: "manual" }, 400, /^method: method must be one of app, nfc, qr/],
      [{ ...valid, guardId: "nope" }, 400, /^guardId: Not a valid id/],
      [{ ...valid, shiftId: theirs.id }, 400, /^shiftId: That shift is assigned to another guard/],
      [{ ...valid, guardId: t.users.noc_operator.id }, 400, /^guardId: .* is not a guard/],
      [{ ...valid, guardId: other.users.guard.id }, 404, /^Guard not found/],
      [{ ...valid, shiftId: foreign.id }, 404, /^Shift not found/],
      [
        { ...valid, shiftId: undefined, at: minutes(-600).toISOString() },
        409,
        /^at: .* has no shift/,
      ],
      [{ ...valid, kind: "check_out" }, 409, /^kind: Check in before checking out/],
    ];
    for (const [body, status, message] of cases) {
      const r = await post(body);
      const { error } = (await r.json()) as { error: string };
      expect([r.status, error], JSON.stringify(body)).toEqual([
        status,
        expect.stringMatching(message),
      ]);
    }
    const events = await db
      .select()
      .from(schema.attendanceEvents)
      .where(eq(schema.attendanceEvents.guardId, guard.id));
    expect(events).toEqual([]);
    const [untouched] = await db.select().from(schema.shifts).where(eq(schema.shifts.id, shift.id));
    expect(untouched?.checkedInAt).toBeNull();
    expect((await post(valid, { authorization: "Bearer wf_nope" })).status).toBe(401);
  });
});
