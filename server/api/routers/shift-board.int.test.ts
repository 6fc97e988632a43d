import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { createShift, scopeManagerTo } from "@/server/test/shift-factories";

type Site = TestTenant["sites"][number];

// The board at scale: a page of sites at a time, those needing attention first, the summary
// over the whole scope (and nothing beyond it). Three sites stand in for hundreds (perPage: 1).
let t: TestTenant;
let other: TestTenant;
// the factory's sites (scopedSites orders them by client, then name: Bronze Store, Gold Depot, Gold HQ)
let hq: Site;
let depot: Site;
let bronze: Site;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);

// The board is each site's local day, and the router reads the clock: the clock is pinned to
// an hour that is midday at all three sites (Chicago 11:00, New York 12:00, London 17:00), or
// between 22:00 and 24:00 in Chicago the shift two hours on fell on tomorrow's board
const NOW = new Date("2026-03-04T17:00:00Z");
afterAll(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  [t, other] = await Promise.all([
    createTestTenant("shift-board"),
    createTestTenant("shift-board-o"),
  ]);
  const [a, b, c] = t.sites;
  const [theirs] = other.sites;
  if (!a || !b || !c || !theirs) throw new Error("no sites");
  [hq, depot, bronze] = [a, b, c];
  await scopeManagerTo(t, [depot]);
  // HQ: a guard 30 min late (needs attention) and one coming later; Depot: one coming later
  await createShift(hq, { startsAt: inMinutes(-30), guard: t.users.guard });
  await createShift(hq, { startsAt: inMinutes(120), guard: t.users.guard });
  await createShift(depot, { startsAt: inMinutes(60), guard: null });
  await createShift(theirs, { startsAt: inMinutes(-30) });
});

describe("the shift board, a page of sites at a time", () => {
  it("leads with the site needing attention, pages the rest, and counts every site in the summary", async () => {
    const supervisor = callerFor(t.users.supervisor);
    const first = await supervisor.shift.board({ perPage: 1 });
    expect(first.sites.map((s) => s.name)).toEqual(["Gold HQ"]);
    expect(first.sites[0]).toMatchObject({ attention: 1, compliance: true, live: true });
    expect(first.sites[0]?.shifts.map((s) => s.state)).toEqual(["late", "upcoming"]);
    expect(first.page).toEqual({ index: 1, pages: 3, perPage: 1, total: 3 });
    expect(first.summary).toEqual({
      total: 3,
      open: 1,
      counts: { late: 1, upcoming: 2 },
      attentionSites: 1,
    });
    const second = await supervisor.shift.board({ perPage: 1, page: 2 });
    expect(second.sites.map((s) => [s.name, s.attention, s.shifts.length])).toEqual([
      ["Gold Depot", 0, 1],
    ]);
    expect(second.summary).toEqual(first.summary);
    // the locked site comes last; a page past the end shows the last one
    const past = await supervisor.shift.board({ perPage: 1, page: 99 });
    expect(past.page.index).toBe(3);
    expect(past.sites).toMatchObject([{ id: bronze.id, compliance: false, shifts: [] }]);
    // the default page holds a small scope whole, in the same order
    const all = await supervisor.shift.board({});
    expect(all.sites.map((s) => s.name)).toEqual(["Gold HQ", "Gold Depot", "Bronze Store"]);
    expect(all.page).toMatchObject({ index: 1, pages: 1, total: 3 });
  });

  it("counts only the sites in a manager's scope, and one site asked for alone", async () => {
    const manager = callerFor(t.users.site_manager);
    const board = await manager.shift.board({});
    expect(board.sites.map((s) => s.name)).toEqual(["Gold Depot"]);
    expect(board.summary).toEqual({
      total: 1,
      open: 1,
      counts: { upcoming: 1 },
      attentionSites: 0,
    });
    expect(board.page).toMatchObject({ pages: 1, total: 1 });
    const one = await callerFor(t.users.supervisor).shift.board({ siteId: hq.id });
    expect(one.sites.map((s) => s.name)).toEqual(["Gold HQ"]);
    expect(one.summary.total).toBe(2);
    // another tenant's board counts its own shifts only
    const theirs = await callerFor(other.users.supervisor).shift.board({});
    expect(theirs.summary.total).toBe(1);
    expect(theirs.sites.map((s) => s.id)).not.toContain(hq.id);
  });

  it("refuses a page size out of bounds naming the field", async () => {
    const supervisor = callerFor(t.users.supervisor);
    await expect(supervisor.shift.board({ perPage: 500 })).rejects.toThrow(/perPage/);
    await expect(supervisor.shift.board({ page: 0 })).rejects.toThrow(/page/);
  });
});

describe("the 14-day schedule, a page of sites at a time", () => {
  it("pages the sites with shifts in the period, by client and site name", async () => {
    const supervisor = callerFor(t.users.supervisor);
    const first = await supervisor.shift.week({ days: 14, perPage: 1 });
    expect(first.sites.map((s) => s.name)).toEqual(["Gold Depot"]);
    expect(first.page).toEqual({ index: 1, pages: 2, perPage: 1, total: 2 });
    const second = await supervisor.shift.week({ days: 14, perPage: 1, page: 2 });
    expect(second.sites.map((s) => [s.name, s.shifts.length])).toEqual([["Gold HQ", 2]]);
    const manager = await callerFor(t.users.site_manager).shift.week({ days: 14 });
    expect(manager.sites.map((s) => s.name)).toEqual(["Gold Depot"]);
    expect(manager.page.total).toBe(1);
  });
});
