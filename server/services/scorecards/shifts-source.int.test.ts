import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { createPost, createShift } from "@/server/test/shift-factories";
import { jobContext } from "../_core/system";
import { drillDown } from "./drill";
import { generateScorecard } from "./generate";

const NOW = new Date("2026-11-15T12:00:00Z");
const MIN = 60_000;
let t: TestTenant;

const at = (iso: string) => new Date(iso);
const kpi = (card: { kpis: { key: string }[] }, key: string) =>
  card.kpis.find((k) => k.key === key);

/** A shift that started at `start`, checked in `late` minutes after it (null: nobody came). */
async function shift(
  site: TestTenant["sites"][number],
  postId: string,
  start: string,
  late: number | null,
  extra: Partial<typeof schema.shifts.$inferInsert> & { guard?: null } = {},
) {
  const startsAt = at(start);
  return createShift(site, {
    startsAt,
    postId,
    guard: t.users.guard,
    checkedInAt: late == null ? null : new Date(startsAt.getTime() + late * MIN),
    ...extra,
  });
}

beforeAll(async () => {
  t = await createTestTenant("score-shifts");
  await db
    .update(schema.clients)
    .set({ createdAt: at("2026-06-01T00:00:00Z") })
    .where(eq(schema.clients.tenantId, t.tenant.id));
  const [hq, depot, store] = t.sites;
  if (!hq || !depot || !store) throw new Error("sites");
  const [gate, dock, bronzeDesk] = await Promise.all([
    createPost(hq, "Gate"),
    createPost(depot, "Dock"),
    createPost(store, "Desk"),
  ]);
  if (!gate || !dock || !bronzeDesk) throw new Error("posts");
  // September: all on time
  for (const d of ["03", "04", "05", "06"]) await shift(hq, gate.id, `2026-09-${d}T14:00:00Z`, 2);
  // October at HQ: three on time (one at the 15-minute limit), one late, one no-show
  await shift(hq, gate.id, "2026-10-02T14:00:00Z", -10);
  await shift(hq, gate.id, "2026-10-03T14:00:00Z", 15);
  await shift(hq, gate.id, "2026-10-04T14:00:00Z", 31);
  await shift(hq, gate.id, "2026-10-05T14:00:00Z", null);
  // a night shift of Chicago's 31 October that starts on 1 November in UTC: October's
  const night = await shift(hq, gate.id, "2026-11-01T03:00:00Z", 0);
  await db
    .update(schema.shifts)
    .set({ localDate: "2026-10-31" })
    .where(eq(schema.shifts.id, night.id));
  // left out: an excused absence, a cancelled shift, a November shift
  await shift(hq, gate.id, "2026-10-06T14:00:00Z", null, {
    excusedAt: at("2026-10-06T10:00:00Z"),
    excuseReason: "flu",
  });
  await shift(hq, gate.id, "2026-10-07T14:00:00Z", null, { status: "cancelled" });
  await shift(hq, gate.id, "2026-11-03T14:00:00Z", null);
  // October at the depot: one on time, one no-show (nobody assigned)
  await shift(depot, dock.id, "2026-10-02T12:00:00Z", 0);
  await shift(depot, dock.id, "2026-10-03T12:00:00Z", null, { guard: null });

  // a tour at HQ with two checkpoints; two October rounds, one scan missed
  const [tour] = await db
    .insert(schema.tours)
    .values({
      tenantId: t.tenant.id,
      siteId: hq.id,
      name: "Perimeter",
      days: [1, 2, 3, 4, 5, 6, 7],
      windowStart: "20:00",
      windowEnd: "23:00",
      everyMinutes: 120,
    })
    .returning();
  if (!tour) throw new Error("tour");
  const checkpoint = (seq: number, name: string, createdAt: Date) => ({
    tenantId: t.tenant.id,
    tourId: tour.id,
    siteId: hq.id,
    seq,
    name,
    token: `${tour.id}-${name}`,
    createdAt,
  });
  const cps = await db
    .insert(schema.tourCheckpoints)
    .values([
      checkpoint(1, "North fence", at("2026-09-01T00:00:00Z")),
      checkpoint(2, "Loading bay", at("2026-09-01T00:00:00Z")),
      // hung after October's rounds: not scheduled in them
      checkpoint(3, "New gate", at("2026-11-02T00:00:00Z")),
    ])
    .returning();
  const round = (startsAt: string, localDate: string, cancelled = false) => ({
    tenantId: t.tenant.id,
    tourId: tour.id,
    clientId: hq.clientId,
    siteId: hq.id,
    localDate,
    startsAt: at(startsAt),
    cancelled,
  });
  const runs = await db
    .insert(schema.tourRuns)
    .values([
      round("2026-10-10T01:00:00Z", "2026-10-09"),
      round("2026-10-11T01:00:00Z", "2026-10-10"),
      round("2026-10-12T01:00:00Z", "2026-10-11", true),
    ])
    .returning();
  const scan = (run: number, cp: number) => ({
    tenantId: t.tenant.id,
    tourRunId: runs[run]?.id ?? "",
    checkpointId: cps[cp]?.id ?? "",
    scannedAt: new Date((runs[run]?.startsAt.getTime() ?? 0) + 10 * MIN),
  });
  await db.insert(schema.checkpointScans).values([scan(0, 0), scan(0, 1), scan(1, 0)]);
});

describe("shift and tour KPIs", () => {
  it("attendance counts the month's shifts by site-local day, without no-shows or late arrivals", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const { scorecard } = await generateScorecard(
      ctx,
      { clientId: t.clients.gold.id, month: "2026-10" },
      NOW,
    );
    expect(kpi(scorecard, "attendance_pct")).toMatchObject({
      status: "ok",
      value: 57.1,
      previous: 100,
      direction: "down",
      good: false,
      inputs: { met: 4, total: 7, noShows: 2, late: 1 },
      driver: { label: "Gold HQ", count: 2, of: 3, what: "no-shows and late arrivals" },
    });
    expect(kpi(scorecard, "tour_coverage_pct")).toMatchObject({
      status: "ok",
      value: 75,
      inputs: { met: 3, total: 4, missed: 1 },
      driver: { label: "Gold HQ", count: 1, of: 1, what: "missed checkpoints" },
    });
    expect(scorecard.summary.join(" ")).toContain(
      "driven by no-shows and late arrivals at Gold HQ (2 of 3)",
    );
  });

  it("a client with posts but no shifts that month has no data; one without tours is not tracked", async () => {
    const ctx = jobContext(t.tenant.id, "test", db);
    const { scorecard } = await generateScorecard(
      ctx,
      { clientId: t.clients.bronze.id, month: "2026-10" },
      NOW,
    );
    expect(kpi(scorecard, "attendance_pct")).toMatchObject({
      status: "no_data",
      value: null,
      note: "no shifts scheduled",
      rag: "none",
    });
    expect(kpi(scorecard, "tour_coverage_pct")).toMatchObject({
      status: "not_tracked",
      value: null,
      note: "not tracked (no guard tours)",
    });
  });

  it("drills down to exactly the shifts and checkpoints behind the numbers", async () => {
    const ctx = await ctxFor(t.users.admin);
    const input = { clientId: t.clients.gold.id, month: "2026-10" };
    const shifts = await drillDown(ctx, { ...input, kpi: "attendance_pct" });
    expect(shifts.records).toBe("shifts");
    expect(shifts.rows).toHaveLength(7);
    expect(shifts.rows.filter((r) => r.flagged).map((r) => r.detail)).toEqual([
      "no show",
      "late, 31 min after the start",
      "no show",
    ]);
    expect(shifts.rows.find((r) => r.detail === "no show" && r.site === "Gold Depot")?.title).toBe(
      "Nobody assigned",
    );
    const checkpoints = await drillDown(ctx, { ...input, kpi: "tour_coverage_pct" });
    expect(checkpoints.rows).toHaveLength(4);
    expect(checkpoints.rows.filter((r) => r.flagged)).toMatchObject([
      { ref: "Perimeter", title: "2. Loading bay", site: "Gold HQ", detail: "missed" },
    ]);
    expect(checkpoints.rows[0]?.detail).toBe("scanned 10 min into the round");
  });
});
