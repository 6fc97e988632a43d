import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { createTestTenant, ctxFor, type TestTenant } from "@/server/test/factories";
import { slaCharts } from "./charts";

/** the instant the charts are drawn at: pinned, so no figure depends on when this runs */
const NOW = new Date("2026-11-18T15:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let s: TestTenant;
let silverSite: string;

type Seeded = {
  id: string;
  clientId: string;
  siteId: string;
  resolvedAt: Date | null;
  breached: boolean;
};
const seeded: Seeded[] = [];
const predictions: { ticketId: string; runAt: Date; p: number }[] = [];
const escalations: { ticketId: string; at: Date }[] = [];

beforeAll(async () => {
  s = await createTestTenant("sla-charts");
  const [silver] = await db
    .insert(schema.clients)
    .values({ tenantId: s.tenant.id, name: "Silver Client", tier: "silver" })
    .returning();
  if (!silver) throw new Error("no client");
  const [site] = await db
    .insert(schema.sites)
    .values({
      tenantId: s.tenant.id,
      clientId: silver.id,
      name: "Silver Yard",
      timeZone: "Europe/Berlin",
      latitude: 52.5,
      longitude: 13.4,
    })
    .returning();
  if (!site) throw new Error("no site");
  silverSite = site.id;
  await db.insert(schema.userScopes).values({
    tenantId: s.tenant.id,
    userId: s.users.site_manager.id,
    siteId: s.sites[1]?.id ?? "",
  });
  const sites = [...s.sites.map((x) => ({ id: x.id, clientId: x.clientId })), site];
  // resolved tickets around every edge of the windows: before them, on their first and last
  // day, after `now`; open ones, which count for no chart here
  const offsets = [-40, -31, -30.02, -29.9, -29.3, -20, -7.5, -1, -0.3, -0.1, 0.2, 1.5];
  let n = 0;
  for (const [si, x] of sites.entries())
    for (const [i, days] of offsets.entries()) {
      n++;
      const open = (i + si) % 5 === 4;
      const resolvedAt = open ? null : new Date(NOW.getTime() + days * DAY + si * HOUR);
      const createdAt = new Date(NOW.getTime() + (days - 2) * DAY);
      const id = crypto.randomUUID();
      const breached = (i * 3 + si) % 4 === 0;
      seeded.push({ id, clientId: x.clientId, siteId: x.id, resolvedAt, breached });
      await db.insert(schema.tickets).values({
        id,
        tenantId: s.tenant.id,
        clientId: x.clientId,
        siteId: x.id,
        requester: "t",
        title: `chart ${n}`,
        category: "it",
        priority: "P2",
        status: open ? "in_progress" : "closed",
        resolvedAt,
        resolutionBreached: breached,
        createdAt,
      });
      // its probability while it was open: a change every few hours, never after resolution
      const end = resolvedAt ?? NOW;
      for (let k = 0; k < 6; k++) {
        const runAt = new Date(end.getTime() - (k * 9 + 1) * HOUR);
        if (runAt < createdAt) break;
        predictions.push({ ticketId: id, runAt, p: ((n * 7 + k * 13) % 100) / 100 });
      }
      if (i % 3 === 0) escalations.push({ ticketId: id, at: new Date(createdAt.getTime() + HOUR) });
    }
  await db.insert(schema.ticketPredictions).values(
    predictions.map((p) => ({
      ticketId: p.ticketId,
      tenantId: s.tenant.id,
      runAt: p.runAt,
      probability: p.p,
      fractionUsed: 0.5,
    })),
  );
  await db.insert(schema.ticketEscalations).values(
    escalations.map((e) => ({
      tenantId: s.tenant.id,
      ticketId: e.ticketId,
      level: 1,
      fromPriority: "P2" as const,
      toPriority: "P1" as const,
      probability: 0.9,
      at: e.at,
    })),
  );
});

/** The database's own day of an instant (its session time zone) and the window's bounds. */
async function calendar(instants: Date[]) {
  const at = NOW.toISOString();
  const [bounds] = await rawRows<{ since: Date; first: string; last: string }>(
    db,
    sql`select ${at}::timestamptz - interval '30 days' as since,
      to_char(date_trunc('day', ${at}::timestamptz) - interval '29 days', 'YYYY-MM-DD') as first,
      to_char(date_trunc('day', ${at}::timestamptz), 'YYYY-MM-DD') as last`,
  );
  const days = await rawRows<{ i: number; day: string }>(
    db,
    sql`select i::int, to_char(date_trunc('day', t::timestamptz), 'YYYY-MM-DD') as day
      from jsonb_array_elements_text(${JSON.stringify(instants.map((d) => d.toISOString()))}::jsonb)
        with ordinality as u(t, i)`,
  );
  if (!bounds) throw new Error("no bounds");
  const dayOf = new Map(days.map((d) => [instants[d.i - 1]?.getTime(), d.day]));
  return { since: new Date(bounds.since), first: bounds.first, last: bounds.last, dayOf };
}

/** Every figure of the rewritten charts, worked out row by row from what was seeded. */
async function recompute(visible: (t: Seeded) => boolean) {
  const eligibleClients = new Set([s.clients.gold.id, ...(await silverClientIds())]);
  const ticketOf = new Map(seeded.map((t) => [t.id, t]));
  const shown = (t: Seeded | undefined): t is Seeded =>
    !!t && eligibleClients.has(t.clientId) && visible(t);
  const cal = await calendar([
    ...seeded.flatMap((t) => (t.resolvedAt ? [t.resolvedAt] : [])),
    ...escalations.map((e) => e.at),
  ]);
  const inWindow = (day: string | undefined) => !!day && day >= cal.first && day <= cal.last;
  const daily = new Map<string, { breaches: number; resolved: number }>();
  for (const t of seeded.filter(shown)) {
    const day = t.resolvedAt ? cal.dayOf.get(t.resolvedAt.getTime()) : undefined;
    if (!day || !inWindow(day)) continue;
    const d = daily.get(day) ?? { breaches: 0, resolved: 0 };
    d.resolved++;
    if (t.breached) d.breaches++;
    daily.set(day, d);
  }
  const perClient = new Map<string, { resolved: number; met: number }>();
  for (const t of seeded.filter(shown)) {
    if (!t.resolvedAt || t.resolvedAt <= cal.since) continue;
    const c = perClient.get(t.clientId) ?? { resolved: 0, met: 0 };
    c.resolved++;
    if (!t.breached) c.met++;
    perClient.set(t.clientId, c);
  }
  const escalated = new Map<string, number>();
  for (const e of escalations) {
    const day = cal.dayOf.get(e.at.getTime());
    if (!shown(ticketOf.get(e.ticketId)) || !inWindow(day) || !day) continue;
    escalated.set(day, (escalated.get(day) ?? 0) + 1);
  }
  const bands = new Map<number, { n: number; p: number; breached: number }>();
  for (const p of predictions) {
    const t = ticketOf.get(p.ticketId);
    if (!shown(t) || !t.resolvedAt || p.runAt <= cal.since) continue;
    const band = Math.min(Math.floor(p.p * 10), 9);
    const b = bands.get(band) ?? { n: 0, p: 0, breached: 0 };
    b.n++;
    b.p += p.p;
    if (t.breached) b.breached++;
    bands.set(band, b);
  }
  return { daily, perClient, escalated, bands };
}

async function silverClientIds() {
  const rows = await db
    .select({ id: schema.sites.clientId })
    .from(schema.sites)
    .where(sql`${schema.sites.id} = ${silverSite}`);
  return rows.map((r) => r.id);
}

const clientName = async (id: string) =>
  (
    await db
      .select({ name: schema.clients.name })
      .from(schema.clients)
      .where(sql`${schema.clients.id} = ${id}`)
  )[0]?.name;

async function expectChartsMatch(
  ctx: Awaited<ReturnType<typeof ctxFor>>,
  visible: (t: Seeded) => boolean,
) {
  const charts = await slaCharts(ctx, NOW);
  const want = await recompute(visible);
  // daily: every one of the 30 days, those without a resolution at zero
  expect(charts.daily).toHaveLength(30);
  expect(charts.daily.filter((d) => d.resolved > 0).map((d) => d.day)).toEqual(
    [...want.daily.keys()].sort(),
  );
  for (const d of charts.daily) {
    const w = want.daily.get(d.day) ?? { breaches: 0, resolved: 0 };
    expect({ day: d.day, breaches: d.breaches, resolved: d.resolved }).toEqual({
      day: d.day,
      ...w,
    });
    if (!w.resolved) expect(d.metPct).toBeNull();
    else
      expect(
        Math.abs((d.metPct ?? NaN) - (100 * (w.resolved - w.breaches)) / w.resolved),
      ).toBeLessThanOrEqual(0.05 + 1e-9);
  }
  // per client: resolved in the last 30 days (no upper bound), worst first
  const clients = [...charts.perClient];
  const wantByName = new Map(
    await Promise.all(
      [...want.perClient].map(async ([id, w]) => [(await clientName(id)) ?? id, w] as const),
    ),
  );
  expect(clients.map((c) => c.client).sort()).toEqual([...wantByName.keys()].sort());
  for (const row of clients) {
    const w = wantByName.get(row.client);
    if (!w) throw new Error(`unexpected client ${row.client}`);
    expect(row.resolved).toBe(w.resolved);
    expect(Math.abs(row.metPct - (100 * w.met) / w.resolved)).toBeLessThanOrEqual(0.05 + 1e-9);
  }
  const pcts = clients.map((c) => c.metPct);
  expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
  // escalations per day
  expect(charts.escalations).toHaveLength(30);
  for (const d of charts.escalations)
    expect([d.day, d.n]).toEqual([d.day, want.escalated.get(d.day) ?? 0]);
  expect(charts.escalations.reduce((a, d) => a + d.n, 0)).toBe(
    [...want.escalated.values()].reduce((a, n) => a + n, 0),
  );
  // calibration by band
  expect(charts.calibration.map((b) => b.band)).toEqual(
    [...want.bands.keys()].sort((a, b) => a - b),
  );
  for (const b of charts.calibration) {
    const w = want.bands.get(b.band);
    if (!w) throw new Error(`unexpected band ${b.band}`);
    expect(b.n).toBe(w.n);
    expect(b.predicted).toBeCloseTo(w.p / w.n, 9);
    expect(b.actual).toBeCloseTo(w.breached / w.n, 9);
  }
  return { charts, want };
}

describe("SLA charts: the figures equal a row-by-row recompute of the seeded tickets", () => {
  it("for the whole tenant (eligible clients only: bronze is left out)", async () => {
    const { want } = await expectChartsMatch(await ctxFor(s.users.supervisor), () => true);
    // the data reaches every chart, and over more than one client and day
    expect(want.daily.size).toBeGreaterThan(3);
    expect(want.perClient.size).toBe(2);
    expect(want.escalated.size).toBeGreaterThan(1);
    expect(want.bands.size).toBeGreaterThan(3);
  });

  it("for a site manager, only their site", async () => {
    const depot = s.sites[1]?.id;
    const { want } = await expectChartsMatch(
      await ctxFor(s.users.site_manager),
      (t) => t.siteId === depot,
    );
    expect(want.daily.size).toBeGreaterThan(1);
    expect(want.bands.size).toBeGreaterThan(1);
  });
});
