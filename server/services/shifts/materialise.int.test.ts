import { and, asc, eq, max } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { createGuard } from "@/server/test/shift-factories";
import type { ServiceCtx } from "../_core/context";
import { platformContext } from "../_core/system";
import { materialiseSchedule, sitesDueForRebuild } from "./materialise";
import { createPost, createTemplate, updateTemplate } from "./roster";
import { createAssignment, updateAssignment } from "./roster-assignments";
import { shiftInstants } from "./schedule";
import { createTour } from "./tour-roster";

let t: TestTenant;
let ctx: ServiceCtx;

beforeAll(async () => {
  t = await createTestTenant("materialise");
  ctx = await ctxFor(t.users.admin);
});

async function siteIn(timeZone: string) {
  const [site] = await db
    .insert(schema.sites)
    .values({
      tenantId: t.tenant.id,
      clientId: t.clients.gold.id,
      name: `Site in ${timeZone} ${Math.random()}`,
      timeZone,
      latitude: 10,
      longitude: 10,
    })
    .returning();
  if (!site) throw new Error("no site");
  return site;
}

async function roster(siteId: string, startTime: string, endTime: string, from = "2026-01-01") {
  const post = await createPost(ctx, { siteId, name: `Post ${startTime}`, description: "" });
  const template = await createTemplate(ctx, {
    postId: post.id,
    name: `${startTime}–${endTime}`,
    days: [1, 2, 3, 4, 5, 6, 7],
    startTime,
    endTime,
    effectiveFrom: from,
  });
  return { post, template };
}

const shiftsOf = (templateId: string) =>
  db
    .select()
    .from(schema.shifts)
    .where(eq(schema.shifts.templateId, templateId))
    .orderBy(asc(schema.shifts.localDate));

const hours = (s: { startsAt: Date; endsAt: Date }) =>
  (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000;

describe("materialising the 14-day schedule", () => {
  it("builds 14 site-local days, and running it again changes nothing", async () => {
    const site = await siteIn("America/New_York");
    const { template } = await roster(site.id, "22:00", "06:00");
    await createAssignment(ctx, {
      templateId: template.id,
      guardId: t.users.guard.id,
      startsOn: "2026-01-01",
    });
    const now = new Date("2026-03-02T12:00:00Z"); // 07:00 in New York
    const first = await materialiseSchedule(ctx, { siteIds: [site.id] }, now);
    expect(first).toMatchObject({ created: 14, updated: 0, cancelled: 0 });
    const rows = await shiftsOf(template.id);
    expect(rows.map((r) => r.localDate)).toEqual(
      Array.from({ length: 14 }, (_, i) => `2026-03-${String(2 + i).padStart(2, "0")}`),
    );
    expect(rows.every((r) => r.guardId === t.users.guard.id)).toBe(true);
    // the night the clocks go forward is 7 hours; the others 8
    expect(rows.map((r) => [r.localDate, hours(r)]).filter(([, h]) => h !== 8)).toEqual([
      ["2026-03-07", 7],
    ]);
    const stamp = async () =>
      (
        await db
          .select({ at: max(schema.shifts.updatedAt) })
          .from(schema.shifts)
          .where(eq(schema.shifts.templateId, template.id))
      )[0]?.at;
    const before = await stamp();
    const again = await materialiseSchedule(ctx, { siteIds: [site.id] }, now);
    expect(again).toEqual({ created: 0, updated: 0, cancelled: 0, rounds: 0, sites: 0 });
    // a later run the same day, whole-tenant: still nothing
    expect(await materialiseSchedule(ctx, {}, new Date("2026-03-02T13:00:00Z"))).toMatchObject({
      created: 0,
      updated: 0,
      cancelled: 0,
    });
    expect(await stamp()).toEqual(before);
    expect(await shiftsOf(template.id)).toEqual(rows);
  });

  it("computes the same instants in SQL as the rule's unit-tested function, across DST in three zones", async () => {
    const cases: [string, string, string, string][] = [
      // zone, run at, start, end
      ["America/New_York", "2026-03-01T12:00:00Z", "02:30", "10:00"], // the spring gap
      ["America/New_York", "2026-10-25T12:00:00Z", "01:30", "09:00"], // the autumn overlap
      ["America/New_York", "2026-10-25T12:00:00Z", "22:00", "06:00"],
      ["Europe/London", "2026-03-20T12:00:00Z", "22:00", "06:00"],
      ["Europe/London", "2026-03-20T12:00:00Z", "01:30", "07:30"],
      ["Europe/London", "2026-10-20T12:00:00Z", "01:30", "07:30"],
      ["Europe/London", "2026-10-20T12:00:00Z", "22:00", "06:00"],
      ["Australia/Sydney", "2026-03-28T12:00:00Z", "22:00", "06:00"],
      ["Australia/Sydney", "2026-03-28T12:00:00Z", "02:30", "10:00"],
      ["Australia/Sydney", "2026-09-28T12:00:00Z", "22:00", "06:00"],
      ["Australia/Sydney", "2026-09-28T12:00:00Z", "02:30", "10:00"],
    ];
    const seen = new Set<number>();
    for (const [zone, at, start, end] of cases) {
      const site = await siteIn(zone);
      const { template } = await roster(site.id, start, end);
      await materialiseSchedule(ctx, { siteIds: [site.id] }, new Date(at));
      const rows = await shiftsOf(template.id);
      // 14 days, less today's when it has already started at the run's instant
      expect(rows.length, `${zone} ${start}`).toBeGreaterThanOrEqual(13);
      for (const r of rows) {
        const want = shiftInstants(r.localDate, start, end, zone);
        expect([r.startsAt, r.endsAt], `${zone} ${r.localDate} ${start}`).toEqual([
          want.startsAt,
          want.endsAt,
        ]);
        seen.add(hours(r));
      }
    }
    // the changes were crossed: shorter and longer shifts than the template's length appear
    expect([...seen].sort()).toEqual(expect.arrayContaining([7, 9]));
  });

  it("updates only future shifts that have not started when the roster changes", async () => {
    const site = await siteIn("America/New_York");
    const { template } = await roster(site.id, "22:00", "06:00");
    const first = await createAssignment(ctx, {
      templateId: template.id,
      guardId: t.users.guard.id,
      startsOn: "2026-01-01",
    });
    await materialiseSchedule(ctx, { siteIds: [site.id] }, new Date("2026-03-02T12:00:00Z"));
    const byDay = async () => new Map((await shiftsOf(template.id)).map((r) => [r.localDate, r]));
    const original = await byDay();
    // 23:00 on 3 March in New York: that night's shift has started
    const now = new Date("2026-03-04T04:00:00Z");
    const excused = original.get("2026-03-05");
    await db
      .update(schema.shifts)
      .set({ excusedAt: now, excuseReason: "agreed leave" })
      .where(eq(schema.shifts.id, excused?.id ?? ""));
    const relief = await createGuard(t, "Relief");
    await updateTemplate(ctx, { id: template.id, endTime: "07:00" });
    await updateAssignment(ctx, { id: first.id, endsOn: "2026-03-05" });
    await createAssignment(ctx, {
      templateId: template.id,
      guardId: relief.id,
      startsOn: "2026-03-06",
    });

    const r = await materialiseSchedule(ctx, { siteIds: [site.id] }, now);
    const after = await byDay();
    // the started shift and the excused one are as they were
    expect(after.get("2026-03-03")).toEqual(original.get("2026-03-03"));
    expect(after.get("2026-03-05")?.endsAt).toEqual(original.get("2026-03-05")?.endsAt);
    // the future ones end at 07:00 now, and from the 6th belong to the relief guard
    const mar4 = after.get("2026-03-04");
    expect(mar4?.endsAt).toEqual(
      shiftInstants("2026-03-04", "22:00", "07:00", "America/New_York").endsAt,
    );
    expect(mar4?.guardId).toBe(t.users.guard.id);
    expect(after.get("2026-03-06")?.guardId).toBe(relief.id);
    expect(after.get("2026-03-16")).toBeDefined(); // the window moved on a day
    expect(r).toMatchObject({ created: 1, updated: 11, cancelled: 0 });

    // dropping Sundays cancels the future Sundays; bringing them back restores them
    await updateTemplate(ctx, { id: template.id, days: [1, 2, 3, 4, 5, 6] });
    expect(await materialiseSchedule(ctx, { siteIds: [site.id] }, now)).toMatchObject({
      cancelled: 2,
    });
    expect(after.get("2026-03-08")?.status).toBe("scheduled");
    expect((await byDay()).get("2026-03-08")?.status).toBe("cancelled");
    await updateTemplate(ctx, { id: template.id, days: [1, 2, 3, 4, 5, 6, 7] });
    expect(await materialiseSchedule(ctx, { siteIds: [site.id] }, now)).toMatchObject({
      updated: 2,
      cancelled: 0,
    });
    expect((await byDay()).get("2026-03-08")?.status).toBe("scheduled");
  });

  it("schedules tour rounds across midnight, and picks the sites where it is 02:00", async () => {
    const site = await siteIn("Europe/London");
    const tour = await createTour(ctx, {
      siteId: site.id,
      name: "Night rounds",
      critical: false,
      days: [1, 2, 3, 4, 5, 6, 7],
      windowStart: "20:00",
      windowEnd: "06:00",
      everyMinutes: 120,
    });
    const now = new Date("2026-06-01T12:00:00Z");
    const r = await materialiseSchedule(ctx, { siteIds: [site.id] }, now);
    const rounds = await db
      .select()
      .from(schema.tourRuns)
      .where(and(eq(schema.tourRuns.tourId, tour.id)))
      .orderBy(asc(schema.tourRuns.startsAt));
    // 20, 22, 00, 02, 04 each night; 14 nights from today, and none in the past
    expect(rounds).toHaveLength(14 * 5);
    expect(r.rounds).toBe(70);
    expect(rounds[0]?.startsAt).toEqual(new Date("2026-06-01T19:00:00Z"));
    expect(rounds[2]?.startsAt).toEqual(new Date("2026-06-01T23:00:00Z"));
    expect((await materialiseSchedule(ctx, { siteIds: [site.id] }, now)).rounds).toBe(0);

    const due = await sitesDueForRebuild(platformContext("test"), new Date("2026-06-02T01:00:00Z")); // 02:00 BST
    expect(due.find((d) => d.tenantId === t.tenant.id)?.siteIds).toContain(site.id);
    const notDue = await sitesDueForRebuild(
      platformContext("test"),
      new Date("2026-06-02T02:00:00Z"),
    );
    expect(notDue.find((d) => d.tenantId === t.tenant.id)?.siteIds ?? []).not.toContain(site.id);
  });
});
