import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { createGuard, createShift, scopeManagerTo } from "@/server/test/shift-factories";
import { rawRows } from "@/server/db/raw";

let t: TestTenant;
let other: TestTenant;
const site = (i: number) => {
  const s = t.sites[i];
  if (!s) throw new Error("no site");
  return s;
};
const minutes = (m: number) => new Date(Date.now() + m * 60_000);

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("shift-api"), createTestTenant("shift-api-o")]);
  await scopeManagerTo(t, [site(0)]);
});

describe("the shift board and its figures, by scope", () => {
  it("shows a site manager only their sites' shifts; another site's reads as not found", async () => {
    const mine = await createShift(site(0), { startsAt: minutes(-30), guard: t.users.guard });
    const theirs = await createShift(site(1), { startsAt: minutes(-30), guard: t.users.guard });
    const manager = callerFor(t.users.site_manager);
    const board = await manager.shift.board({});
    expect(board.sites.map((s) => s.id)).toEqual([site(0).id]);
    expect(board.sites[0]?.shifts.map((s) => s.id)).toContain(mine.id);
    expect(board.sites[0]?.shifts.map((s) => s.id)).not.toContain(theirs.id);
    const list = await manager.shift.list({ from: minutes(-120), to: minutes(120), limit: 100 });
    expect(list.map((s) => s.id)).toEqual([mine.id]);
    expect((await refusal(manager.shift.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(manager.shift.board({ siteId: site(1).id }))).code).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          manager.shift.checkIn({ shiftId: theirs.id, at: new Date(), note: "radio call" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(manager.shift.excuse({ shiftId: theirs.id, reason: "ill" }))).code).toBe(
      "NOT_FOUND",
    );
    // another tenant's shift is not found, even for an admin
    const foreign = await createShift(other.sites[0] ?? site(0), { startsAt: minutes(-30) });
    expect((await refusal(callerFor(t.users.admin).shift.get({ id: foreign.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("shows supervisors every site, a bronze client's locked, and refuses its figures naming the plan", async () => {
    const supervisor = callerFor(t.users.supervisor);
    const board = await supervisor.shift.board({});
    expect(board.sites.map((s) => s.name).sort()).toEqual([
      "Bronze Store",
      "Gold Depot",
      "Gold HQ",
    ]);
    const bronze = board.sites.find((s) => s.name === "Bronze Store");
    expect(bronze).toMatchObject({ compliance: false, live: false, shifts: [] });
    expect(board.sites.find((s) => s.name === "Gold HQ")).toMatchObject({
      compliance: true,
      live: true,
    });
    const err = await refusal(supervisor.shift.coverageRisk({ siteId: site(2).id }));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(
      /Shift compliance needs the Silver plan or higher; Bronze Client is on Bronze/,
    );
    expect(
      (await refusal(supervisor.shift.compliance({ siteId: site(2).id, days: 30 }))).code,
    ).toBe("FORBIDDEN");
    // the plain records stay readable for every plan
    const week = await supervisor.shift.week({ siteId: site(2).id, days: 14 });
    expect(week.sites[0]).toMatchObject({ compliance: false });
  });

  it("records a manager's manual check-in with its note, audited, and shows it on the board", async () => {
    const shift = await createShift(site(0), { startsAt: minutes(-20), guard: t.users.guard });
    const manager = callerFor(t.users.site_manager);
    const r = await manager.shift.checkIn({
      shiftId: shift.id,
      at: minutes(-18),
      note: "Phone dead; confirmed by radio",
    });
    expect(r).toMatchObject({ verdict: "no_fix", findings: 0 });
    const [event] = await db
      .select()
      .from(schema.attendanceEvents)
      .where(eq(schema.attendanceEvents.shiftId, shift.id));
    expect(event).toMatchObject({ method: "manual", recordedBy: t.users.site_manager.id });
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.entityId, shift.id),
          eq(schema.auditLog.action, "shift.manual_check_in"),
        ),
      );
    expect(audit?.actorId).toBe(t.users.site_manager.id);
    const row = await manager.shift.get({ id: shift.id });
    expect(row).toMatchObject({ state: "on_duty", attendance: [{ method: "manual" }] });
    // and a check-in in the future, or outside the shift, is refused naming the field
    expect(
      (await refusal(manager.shift.checkIn({ shiftId: shift.id, at: minutes(10), note: "x" })))
        .message,
    ).toMatch(/^at: .*more than 5 minutes in the future/);
    expect(
      (await refusal(manager.shift.checkIn({ shiftId: shift.id, at: minutes(-600), note: "x" })))
        .message,
    ).toMatch(/^at: The shift runs/);
  });

  it("exports a month as CSV for payroll", async () => {
    const start = new Date();
    const shift = await createShift(site(0), { startsAt: start, guard: t.users.guard });
    const month = shift.localDate.slice(0, 7);
    const csv = await callerFor(t.users.site_manager).shift.exportCsv({ month });
    const [header, ...lines] = csv.csv.trim().split("\r\n");
    expect(header).toBe(
      "date,client,site,post,guard,start,end,hours,state,checked_in,checked_out,distance_m,findings,excuse,time_zone",
    );
    expect(lines.length).toBe(csv.rows);
    expect(lines.some((l) => l.includes(t.users.guard.name) && l.includes("Gold HQ"))).toBe(true);
    expect(lines.join()).not.toContain("Gold Depot");
    expect(csv.filename).toMatch(/^shifts-\d{4}-\d{2}-all-sites\.csv$/);
    expect(
      (await refusal(callerFor(t.users.site_manager).shift.exportCsv({ month: "2026-13" })))
        .message,
    ).toMatch(/^month: Give the month as 2026-11/);
  });
});

describe("a guard's own shifts", () => {
  it("sees only their own, checks in with a fix, and cannot touch someone else's", async () => {
    const mine = await createShift(site(0), { startsAt: minutes(-10), guard: t.users.guard });
    const colleague = await createGuard(t, "Colleague");
    const theirs = await createShift(site(0), { startsAt: minutes(-10), guard: colleague });
    const guard = callerFor(t.users.guard);
    const list = await guard.myShift.list();
    expect(list.map((s) => s.id)).toContain(mine.id);
    expect(list.map((s) => s.id)).not.toContain(theirs.id);
    expect(list.find((s) => s.id === mine.id)).toMatchObject({
      canCheckIn: true,
      siteName: "Gold HQ",
    });

    const err = await refusal(guard.myShift.checkIn({ shiftId: theirs.id, position: null }));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/^shiftId: That shift is assigned to someone else/);
    const foreign = await createShift(other.sites[0] ?? site(0), { startsAt: minutes(-10) });
    expect((await refusal(guard.myShift.checkIn({ shiftId: foreign.id }))).code).toBe("NOT_FOUND");
    const bad = await refusal(
      guard.myShift.checkIn({
        shiftId: mine.id,
        position: { latitude: 95, longitude: 0, accuracyM: 5 },
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/^position\.latitude: latitude must be between -90 and 90/);
    expect(
      (
        await refusal(
          guard.myShift.checkIn({
            shiftId: mine.id,
            position: { latitude: 41.88, longitude: -87.63, accuracyM: -3 },
          }),
        )
      ).message,
    ).toMatch(/^position\.accuracyM: accuracyM cannot be negative/);

    const ok = await guard.myShift.checkIn({
      shiftId: mine.id,
      position: { latitude: 41.8801, longitude: -87.6301, accuracyM: 12 },
    });
    expect(ok).toMatchObject({ verdict: "on_site", matchedSite: "Gold HQ" });
    const out = await guard.myShift.checkOut({
      shiftId: mine.id,
      position: { latitude: 41.95, longitude: -87.63, accuracyM: 15 },
    });
    // a check-out 8 km away is checked against the fence too
    expect(out.verdict).toBe("wrong_site");
    expect(out.findings).toBe(1);
    expect((await refusal(guard.myShift.checkOut({ shiftId: mine.id }))).message).toMatch(
      /^kind: Already checked out/,
    );
  });

  it("reaches no page or procedure of the console", async () => {
    const guard = callerFor(t.users.guard);
    for (const call of [
      () => guard.shift.board({}),
      () => guard.shift.list({ from: minutes(-60), to: minutes(60), limit: 10 }),
      () => guard.roster.posts({}),
      () => guard.site.list({}),
      () => guard.client.list(),
      () => guard.alert.list({}),
      () => guard.workOrder.list({}),
    ])
      expect((await refusal(call())).code).toBe("FORBIDDEN");
    // and staff cannot act as guards
    expect((await refusal(callerFor(t.users.admin).myShift.list())).code).toBe("FORBIDDEN");
  });
});

describe("guard tours", () => {
  it("records a scan by the guard on duty once, and refuses the rest with a reason", async () => {
    const admin = callerFor(t.users.admin);
    const tour = await admin.roster.createTour({
      siteId: site(0).id,
      name: "Fence line",
      windowStart: "00:00",
      windowEnd: "00:00",
      everyMinutes: 60,
    });
    const gate = await admin.roster.addCheckpoint({
      tourId: tour.id,
      name: "Gate 2",
      location: "north",
    });
    const elsewhere = await admin.roster.createTour({
      siteId: site(1).id,
      name: "Depot yard",
      windowStart: "00:00",
      windowEnd: "00:00",
      everyMinutes: 60,
    });
    const yard = await admin.roster.addCheckpoint({ tourId: elsewhere.id, name: "Yard" });
    // backdate the checkpoints, and open a round now at both sites
    await db.execute(
      sql`update tour_checkpoints set created_at = now() - interval '1 day' where tour_id in (${tour.id}, ${elsewhere.id})`,
    );
    for (const [tourId, s] of [
      [tour.id, site(0)],
      [elsewhere.id, site(1)],
    ] as const)
      await db.insert(schema.tourRuns).values({
        tenantId: t.tenant.id,
        tourId,
        clientId: s.clientId,
        siteId: s.id,
        localDate: "2026-01-01",
        startsAt: minutes(-5),
      });
    const onDuty = await createGuard(t, "Patrol");
    await createShift(site(0), { startsAt: minutes(-60), guard: onDuty });
    const patrol = callerFor(onDuty);

    const tours = await patrol.myShift.tours();
    expect(tours.onDuty).toBe(true);
    expect(tours.rounds.flatMap((r) => r.checkpoints.map((c) => c.name))).toContain("Gate 2");

    const ok = await patrol.myShift.scan({ token: gate.token });
    expect(ok).toMatchObject({ checkpoint: "Gate 2", tour: "Fence line", site: "Gold HQ" });
    // the phone shows the round's times in the site's zone
    const fence = tours.rounds.find((r) => r.tourName === "Fence line");
    expect(fence?.timeZone).toMatch(/^[A-Za-z_]+\/[A-Za-z_]+/);
    expect(ok.timeZone).toBe(fence?.timeZone);
    const replay = await refusal(patrol.myShift.scan({ token: gate.token }));
    expect(replay.code).toBe("CONFLICT");
    expect(replay.message).toMatch(
      /^token: “Gate 2” was already scanned in this round at \d\d:\d\d/,
    );
    const wrongSite = await refusal(patrol.myShift.scan({ token: yard.token }));
    expect(wrongSite.code).toBe("FORBIDDEN");
    expect(wrongSite.message).toMatch(
      /^token: This checkpoint is at Gold Depot; you are on duty at Gold HQ/,
    );
    const idle = await createGuard(t, "Off duty");
    expect((await refusal(callerFor(idle).myShift.scan({ token: gate.token }))).message).toMatch(
      /^token: You are not on duty at Gold HQ now/,
    );
    // another tenant's guard, or an unknown code: not found
    expect(
      (await refusal(callerFor(other.users.guard).myShift.scan({ token: gate.token }))).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(patrol.myShift.scan({ token: "no-such-code" }))).code).toBe("NOT_FOUND");
    // the scan shows on the board's round
    const board = await callerFor(t.users.site_manager).shift.board({});
    expect(board.sites[0]?.rounds.find((r) => r.tourName === "Fence line")).toMatchObject({
      expected: 1,
      scanned: 1,
    });
  });
});

describe("roster editing", () => {
  it("refuses an overlapping assignment and another tenant's site, and asks for a rebuild", async () => {
    const manager = callerFor(t.users.site_manager);
    const post = await manager.roster.createPost({ siteId: site(0).id, name: "Front desk" });
    const taken = await refusal(
      manager.roster.createPost({ siteId: site(0).id, name: "Front desk" }),
    );
    expect(taken.message).toMatch(/^name: This site already has a post called “Front desk”/);
    // the form puts it next to its field
    expect((taken.cause as { field?: string }).field).toBe("name");
    expect(
      (await refusal(manager.roster.createPost({ siteId: site(1).id, name: "Desk" }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await refusal(manager.roster.createPost({ siteId: other.sites[0]?.id ?? "", name: "Desk" })))
        .code,
    ).toBe("NOT_FOUND");
    const template = await manager.roster.createTemplate({
      postId: post.id,
      name: "Days",
      days: [1, 2, 3, 4, 5],
      startTime: "07:00",
      endTime: "15:00",
      effectiveFrom: "2026-01-01",
    });
    await manager.roster.createAssignment({
      templateId: template.id,
      guardId: t.users.guard.id,
      startsOn: "2026-01-01",
      endsOn: "2026-06-30",
    });
    const clash = await refusal(
      manager.roster.createAssignment({
        templateId: template.id,
        guardId: t.users.guard.id,
        startsOn: "2026-06-01",
      }),
    );
    expect(clash.code).toBe("CONFLICT");
    expect(clash.message).toMatch(/^startsOn: .* already holds “Days” from 2026-01-01/);
    expect((clash.cause as { field?: string }).field).toBe("startsOn");
    const notGuard = await refusal(
      manager.roster.createAssignment({
        templateId: template.id,
        guardId: t.users.noc_operator.id,
        startsOn: "2026-07-01",
      }),
    );
    expect(notGuard.message).toMatch(/^guardId: .* is not a guard/);
    expect(
      (
        await refusal(
          manager.roster.createTemplate({
            postId: post.id,
            name: "x",
            days: [8],
            startTime: "07:00",
            endTime: "15:00",
            effectiveFrom: "2026-01-01",
          }),
        )
      ).message,
    ).toMatch(/^days\.0: Days go from 1 \(Monday\) to 7 \(Sunday\)/);
    const queued = await rawRows<{ data: { siteIds: string[] } }>(
      db,
      sql`select data from event_outbox where name = 'shifts/roster.changed' and data->>'tenantId' = ${t.tenant.id}`,
    );
    // the post, the template and the assignment each asked for this site's schedule to be rebuilt
    expect(queued.filter((q) => q.data.siteIds.includes(site(0).id)).length).toBeGreaterThanOrEqual(
      3,
    );
  });
});
