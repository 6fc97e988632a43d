import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { createShift, scopeManagerTo } from "@/server/test/shift-factories";
import { jobContext } from "../_core/system";
import { recordAttendance } from "./attendance";
import { detectShifts, detectTours } from "./detect";
import { findingFingerprint } from "./detect-raise";
import { excuseAbsence } from "./manage";
import { complianceFigures } from "./figures";

const NOW = new Date("2026-11-04T18:00:00Z");
const ago = (m: number) => new Date(NOW.getTime() - m * 60_000);
const after = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function tenant(label: string) {
  const t = await createTestTenant(label);
  await scopeManagerTo(
    t,
    [t.sites[0], t.sites[1]].flatMap((s) => (s ? [s] : [])),
  );
  return t;
}
const gold = (t: TestTenant) =>
  t.sites[0] ??
  (() => {
    throw new Error("no site");
  })();
const bronze = (t: TestTenant) =>
  t.sites[2] ??
  (() => {
    throw new Error("no site");
  })();
const sys = (t: TestTenant) => jobContext(t.tenant.id, "detect-shift-findings", db);

const findings = (t: TestTenant) =>
  db.select().from(schema.shiftFindings).where(eq(schema.shiftFindings.tenantId, t.tenant.id));
const alerts = (t: TestTenant) =>
  db.select().from(schema.alerts).where(eq(schema.alerts.tenantId, t.tenant.id));
const managerNotes = (t: TestTenant) =>
  db
    .select()
    .from(schema.notifications)
    .where(
      and(
        eq(schema.notifications.tenantId, t.tenant.id),
        eq(schema.notifications.userId, t.users.site_manager.id),
        eq(schema.notifications.channel, "in_app"),
        like(schema.notifications.dedupeKey, "finding:%"),
      ),
    );

async function attendance(
  shift: { id: string; tenantId: string; guardId: string | null },
  at: Date,
  verdict: "on_site" | "uncertain" | "wrong_site",
) {
  await db.insert(schema.attendanceEvents).values({
    tenantId: shift.tenantId,
    shiftId: shift.id,
    guardId: shift.guardId,
    kind: "check_in",
    method: "app",
    at,
    verdict,
    latitude: 41.9,
    longitude: -87.6,
    accuracyM: 20,
  });
  await db
    .update(schema.shifts)
    .set({ checkedInAt: at, checkInVerdict: verdict, lastVerdict: verdict })
    .where(eq(schema.shifts.id, shift.id));
}

describe("detection", () => {
  it("applies each rule at its threshold and stores each finding once", async () => {
    const t = await tenant("detect-rules");
    const guard = t.users.guard;
    const site = gold(t);
    const notYet = await createShift(site, { startsAt: ago(119), guard });
    const noShow = await createShift(site, { startsAt: ago(120), guard });
    const onTime = await createShift(site, { startsAt: ago(60), guard });
    await attendance(onTime, after(onTime.startsAt, 15), "on_site");
    const late = await createShift(site, { startsAt: ago(60), guard });
    await attendance(late, after(late.startsAt, 16), "on_site");
    const wrong = await createShift(site, { startsAt: ago(30), guard });
    await attendance(wrong, after(wrong.startsAt, -10), "wrong_site");
    const unsure = await createShift(site, { startsAt: ago(30), guard });
    await attendance(unsure, after(unsure.startsAt, -10), "uncertain");
    const uncovered = await createShift(site, { startsAt: ago(180), guard: null });

    const r = await detectShifts(sys(t), {}, NOW);
    expect(r).toMatchObject({ raised: 4, alerts: 4 });
    const got = (await findings(t)).map((f) => `${f.shiftId}:${f.kind}`).sort();
    expect(got).toEqual(
      [
        `${noShow.id}:NO_SHOW`,
        `${late.id}:LATE`,
        `${wrong.id}:WRONG_SITE`,
        `${uncovered.id}:NO_SHOW`,
      ].sort(),
    );
    for (const s of [notYet, onTime, unsure]) expect(got.join()).not.toContain(s.id);

    const raised = await alerts(t);
    expect(raised.map((a) => a.type).sort()).toEqual([
      "SHIFT_LATE",
      "SHIFT_NO_SHOW",
      "SHIFT_NO_SHOW",
      "SHIFT_WRONG_SITE",
    ]);
    expect(raised.find((a) => a.shiftId === late.id)).toMatchObject({
      source: "shift",
      fingerprint: findingFingerprint(`${late.id}:LATE`),
      title: expect.stringContaining("16 min"),
    });
    expect(raised.find((a) => a.shiftId === uncovered.id)?.title).toMatch(/not covered/);
    // each finding points at its alert, and the site's manager heard of each
    for (const f of await findings(t)) expect(raised.map((a) => a.id)).toContain(f.alertId);
    expect(await managerNotes(t)).toHaveLength(4);

    // again: nothing new, nobody told twice
    expect(await detectShifts(sys(t), {}, NOW)).toMatchObject({ raised: 0, alerts: 0 });
    expect(await findings(t)).toHaveLength(4);
    expect(await alerts(t)).toHaveLength(4);
    expect(await managerNotes(t)).toHaveLength(4);
    // half an hour on, the shift that was a minute short of 2 h is a no-show too, and only it
    expect(await detectShifts(sys(t), {}, after(NOW, 30))).toMatchObject({ raised: 1 });
    expect((await findings(t)).filter((f) => f.shiftId === notYet.id).map((f) => f.kind)).toEqual([
      "NO_SHOW",
    ]);
  });

  it("is exactly-once under two concurrent runs", async () => {
    const t = await tenant("detect-race");
    const site = gold(t);
    const shifts = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        createShift(site, { startsAt: ago(130 + i), guard: t.users.guard }),
      ),
    );
    const [a, b] = await Promise.all([
      detectShifts(sys(t), {}, NOW),
      detectShifts(sys(t), {}, NOW),
    ]);
    expect((a?.raised ?? 0) + (b?.raised ?? 0)).toBe(25);
    expect(await findings(t)).toHaveLength(25);
    const raised = await alerts(t);
    expect(raised).toHaveLength(25);
    expect(new Set(raised.map((x) => x.shiftId))).toEqual(new Set(shifts.map((s) => s.id)));
    expect(raised.every((x) => x.occurrenceCount === 1)).toBe(true);
    expect(await managerNotes(t)).toHaveLength(25);
  });

  it("turns a NO_SHOW into LATE when the guard checks in after all, and resolves its alert", async () => {
    const t = await tenant("detect-late-after");
    const site = gold(t);
    const shift = await createShift(site, { startsAt: ago(150), guard: t.users.guard });
    await detectShifts(sys(t), {}, NOW);
    const [noShow] = await alerts(t);
    expect(noShow).toMatchObject({ type: "SHIFT_NO_SHOW", status: "new" });

    const at = after(NOW, 5);
    const guardCtx = await ctxFor(t.users.guard);
    const r = await recordAttendance(
      guardCtx,
      {
        shiftId: shift.id,
        kind: "check_in",
        method: "app",
        at,
        position: { latitude: site.latitude, longitude: site.longitude, accuracyM: 10 },
      },
      at,
    );
    expect(r.verdict).toBe("on_site");
    const [f, ...more] = await findings(t);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ kind: "LATE", previousKind: "NO_SHOW", key: `${shift.id}:LATE` });
    expect(f?.details).toMatchObject({ minutesLate: 155 });
    const [resolved, ...others] = await alerts(t);
    expect(others).toEqual([]);
    expect(resolved).toMatchObject({ id: noShow?.id, status: "resolved", resolution: "auto" });
    // the sweep after it finds nothing more to say
    expect(await detectShifts(sys(t), {}, after(NOW, 30))).toMatchObject({
      raised: 0,
      converted: 0,
    });
  });

  it("leaves a bronze client's shifts as records: no findings, no alerts", async () => {
    const t = await tenant("detect-bronze");
    const shift = await createShift(bronze(t), { startsAt: ago(300), guard: t.users.guard });
    const wrong = await createShift(bronze(t), { startsAt: ago(60), guard: t.users.guard });
    await attendance(wrong, after(wrong.startsAt, 40), "wrong_site");
    expect(await detectShifts(sys(t), {}, NOW)).toMatchObject({ raised: 0 });
    expect(await detectShifts(sys(t), { shiftIds: [shift.id, wrong.id] }, NOW)).toMatchObject({
      raised: 0,
    });
    expect(await findings(t)).toEqual([]);
    expect(await alerts(t)).toEqual([]);
  });

  it("an excused absence resolves its NO_SHOW alert and leaves the compliance figures", async () => {
    const t = await tenant("detect-excuse");
    const site = gold(t);
    const absent = await createShift(site, {
      startsAt: ago(600),
      endsAt: ago(120),
      guard: t.users.guard,
    });
    const worked = await createShift(site, {
      startsAt: ago(600),
      endsAt: ago(120),
      guard: t.users.guard,
    });
    await attendance(worked, after(worked.startsAt, 2), "on_site");
    await detectShifts(sys(t), {}, NOW);
    const manager = await ctxFor(t.users.site_manager);
    const before = await complianceFigures(manager, { days: 30 }, NOW);
    expect(before.sites.find((s) => s.siteId === site.id)).toMatchObject({
      shifts: 2,
      compliant: 1,
      compliancePct: 50,
      noShows: 1,
    });
    const r = await excuseAbsence(
      manager,
      { shiftId: absent.id, reason: "Flu, called in at 06:00" },
      NOW,
    );
    expect(r).toEqual({ excused: true, alertsResolved: 1 });
    const [alert] = await alerts(t);
    expect(alert).toMatchObject({
      status: "resolved",
      resolutionNote: "Absence excused: Flu, called in at 06:00",
    });
    const figures = await complianceFigures(manager, { days: 30 }, NOW);
    expect(figures.sites.find((s) => s.siteId === site.id)).toMatchObject({
      shifts: 1,
      compliancePct: 100,
      noShowRatePct: 0,
    });
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.entityId, absent.id), eq(schema.auditLog.action, "shift.excuse")),
      );
    expect(audit[0]?.after).toMatchObject({ reason: "Flu, called in at 06:00" });
  });

  it("stores missed checkpoints once, and alerts only for a critical tour's round", async () => {
    const t = await tenant("detect-tours");
    const site = gold(t);
    const made = new Date(NOW.getTime() - 86_400_000 * 3);
    const tourIds: string[] = [];
    for (const critical of [true, false]) {
      const [tour] = await db
        .insert(schema.tours)
        .values({
          tenantId: t.tenant.id,
          siteId: site.id,
          name: critical ? "Perimeter" : "Lobby",
          critical,
          days: [1, 2, 3, 4, 5, 6, 7],
          windowStart: "08:00",
          windowEnd: "20:00",
          everyMinutes: 120,
        })
        .returning();
      if (!tour) throw new Error("no tour");
      tourIds.push(tour.id);
      const cps = await db
        .insert(schema.tourCheckpoints)
        .values(
          ["Gate", "Dock"].map((name, i) => ({
            tenantId: t.tenant.id,
            tourId: tour.id,
            siteId: site.id,
            seq: i + 1,
            name,
            token: `${tour.id}-${name}`,
            toleranceMinutes: 30,
            createdAt: made,
          })),
        )
        .returning();
      const [run] = await db
        .insert(schema.tourRuns)
        .values({
          tenantId: t.tenant.id,
          tourId: tour.id,
          clientId: site.clientId,
          siteId: site.id,
          localDate: "2026-11-04",
          startsAt: ago(60),
        })
        .returning();
      // the gate was scanned; the dock was not
      await db.insert(schema.checkpointScans).values({
        tenantId: t.tenant.id,
        tourRunId: run?.id ?? "",
        checkpointId: cps[0]?.id ?? "",
        scannedAt: ago(50),
      });
      // a round whose window is still open misses nothing yet
      await db.insert(schema.tourRuns).values({
        tenantId: t.tenant.id,
        tourId: tour.id,
        clientId: site.clientId,
        siteId: site.id,
        localDate: "2026-11-04",
        startsAt: ago(10),
      });
    }
    const [a, b] = await Promise.all([detectTours(sys(t), NOW), detectTours(sys(t), NOW)]);
    expect((a?.raised ?? 0) + (b?.raised ?? 0)).toBe(2);
    const missed = await findings(t);
    expect(missed.map((f) => `${f.kind}:${String(f.details.checkpoint)}`)).toEqual([
      "MISSED_CHECKPOINT:Dock",
      "MISSED_CHECKPOINT:Dock",
    ]);
    const raised = await alerts(t);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      type: "TOUR_MISSED",
      title: expect.stringContaining("Perimeter"),
    });
    expect(await detectTours(sys(t), NOW)).toMatchObject({ raised: 0 });
    // once the second rounds' windows close, their unscanned checkpoints are missed in turn
    expect(await detectTours(sys(t), after(NOW, 30))).toMatchObject({ raised: 4 });
    expect(
      await db
        .select()
        .from(schema.shiftFindings)
        .where(inArray(schema.shiftFindings.siteId, [site.id])),
    ).toHaveLength(6);
    // one alert per missed round of the critical tour
    expect((await alerts(t)).map((a) => a.type)).toEqual(["TOUR_MISSED", "TOUR_MISSED"]);
  });
});
