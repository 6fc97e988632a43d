import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { tierIncludes, type Tier } from "@/lib/tiers";
import { schema, type Db } from "@/server/db";
import { hashPassword } from "@/server/services/auth/password";
import { jobContext } from "@/server/services/_core/system";
import { fenceVerdict, type Fix } from "@/server/services/shifts/geofence";
import { materialiseSchedule } from "@/server/services/shifts/materialise";
import { earlyBeyondTolerance } from "@/server/services/shifts/rules";
import {
  addDays,
  localDay,
  localInstant,
  roundStarts,
  shiftInstants,
} from "@/server/services/shifts/schedule";
import { newCheckpointToken } from "@/server/services/shifts/tour-roster";
import { DEMO_PASSWORD } from "../logins";
import type { Random } from "../random";
import type { SeedContext, SeedPart } from "../types";
import {
  BLUEFIN_GUARDS,
  DEMO_GUARD,
  HABITS,
  NORTHWIND_GUARDS,
  ROSTER,
  TOURS,
  USUAL_HABITS,
} from "./shifts-data";
import { rawRows } from "@/server/db/raw";

const HISTORY_DAYS = 35;
const MINUTE = 60_000;
const DAY = 86_400_000;

type Site = {
  id: string;
  name: string;
  clientId: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  radiusM: number;
  tier: Tier;
};

async function sitesOf(db: Db, tenantId: string): Promise<Map<string, Site>> {
  const rows = await db
    .select({
      id: schema.sites.id,
      name: schema.sites.name,
      clientId: schema.sites.clientId,
      timeZone: schema.sites.timeZone,
      latitude: schema.sites.latitude,
      longitude: schema.sites.longitude,
      radiusM: schema.sites.geofenceRadiusM,
      tier: schema.clients.tier,
    })
    .from(schema.sites)
    .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
    .where(eq(schema.sites.tenantId, tenantId));
  return new Map(rows.map((r) => [r.name, r]));
}

const emailOf = (name: string, domain: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${domain}`;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

type HistoryShift = typeof schema.shifts.$inferInsert & {
  id: string;
  startsAt: Date;
  endsAt: Date;
};

/** A fix near a point: `metres` away to the north-east, with this accuracy. */
function fixNear(site: Site, metres: number, accuracyM: number): Fix {
  const d = metres / 111_195 / Math.SQRT2;
  return {
    latitude: site.latitude + d,
    longitude: site.longitude + d / Math.cos((site.latitude * Math.PI) / 180),
    accuracyM,
  };
}

/**
 * The last 35 days of a roster as it went: mostly on time, some late, a few no-shows and
 * wrong-site fixes, the shifts under way now checked in. Findings older than a day are stored
 * as detection would have (newer ones are left to the first detection run, which raises their
 * NOC alerts).
 */
function playHistory(
  r: Random,
  site: Site,
  shift: HistoryShift,
  guardName: string | null,
  now: Date,
) {
  const events: (typeof schema.attendanceEvents.$inferInsert)[] = [];
  const findings: (typeof schema.shiftFindings.$inferInsert)[] = [];
  // the demo guard's shift under way is his to check in to from the phone page
  if (guardName === DEMO_GUARD.name && shift.endsAt > now) return { events, findings };
  const habits = (guardName && HABITS[guardName]) || USUAL_HABITS;
  const start = shift.startsAt.getTime();
  const roll = r.next();
  const outcome = !guardName
    ? "absent"
    : roll < habits.noShow
      ? "absent"
      : roll < habits.noShow + habits.late
        ? "late"
        : roll < habits.noShow + habits.late + (habits.wrongSite ?? 0.01)
          ? "wrong_site"
          : roll < habits.noShow + habits.late + (habits.wrongSite ?? 0.01) + 0.03
            ? "uncertain"
            : r.chance(0.02)
              ? "early"
              : "on_time";
  const detectable = tierIncludes(site.tier, "shiftCompliance") && start < now.getTime() - DAY;
  const finding = (kind: "LATE" | "NO_SHOW" | "WRONG_SITE", at: Date, details: object) =>
    findings.push({
      tenantId: shift.tenantId,
      clientId: site.clientId,
      siteId: site.id,
      shiftId: shift.id,
      kind,
      key: `${shift.id}:${kind}`,
      detectedAt: at,
      details: details as Record<string, unknown>,
    });
  if (outcome === "absent") {
    if (detectable && start + 120 * MINUTE <= now.getTime())
      finding("NO_SHOW", new Date(start + 120 * MINUTE), { minutesOverdue: 120 });
    return { events, findings };
  }
  const offset =
    outcome === "late" ? r.int(16, 75) : outcome === "early" ? -r.int(35, 55) : r.int(-25, 9);
  const at = new Date(start + offset * MINUTE);
  if (at > now) return { events, findings };
  const fix =
    outcome === "wrong_site"
      ? fixNear(site, r.int(900, 3000), r.int(10, 40))
      : outcome === "uncertain"
        ? fixNear(site, site.radiusM - 10, r.int(120, 250))
        : fixNear(site, r.int(0, Math.max(0, site.radiusM - 60)), r.int(5, 35));
  const { verdict, distanceM } = fenceVerdict(fix, site);
  const method = r.chance(0.1) ? ("nfc" as const) : ("app" as const);
  events.push({
    tenantId: shift.tenantId,
    shiftId: shift.id,
    guardId: shift.guardId,
    kind: "check_in",
    method,
    at,
    ...fix,
    verdict,
    distanceM,
    matchedSiteId: verdict === "on_site" ? site.id : null,
    earlyMinutes: earlyBeyondTolerance(shift.startsAt, at),
    createdAt: at,
  });
  shift.checkedInAt = at;
  shift.checkInVerdict = verdict;
  shift.checkInDistanceM = distanceM;
  shift.lastVerdict = verdict;
  if (detectable && outcome === "late") finding("LATE", at, { minutesLate: offset });
  if (detectable && verdict === "wrong_site")
    finding("WRONG_SITE", at, { kind: "check_in", at, distanceM, atSite: null });
  const out = new Date(shift.endsAt.getTime() + r.int(-5, 15) * MINUTE);
  if (out <= now) {
    const back = fixNear(site, r.int(0, Math.max(0, site.radiusM - 60)), r.int(5, 30));
    const v = fenceVerdict(back, site);
    events.push({
      tenantId: shift.tenantId,
      shiftId: shift.id,
      guardId: shift.guardId,
      kind: "check_out",
      method,
      at: out,
      ...back,
      verdict: v.verdict,
      distanceM: v.distanceM,
      matchedSiteId: site.id,
      createdAt: out,
    });
    shift.checkedOutAt = out;
    shift.lastVerdict = v.verdict;
  }
  return { events, findings };
}

async function seedTenantShifts(
  ctx: SeedContext,
  slug: string,
  guardNames: string[],
  hash: string,
  now: Date,
) {
  const tenantId = ctx.tenants.get(slug);
  if (!tenantId) return;
  const { db, random } = ctx;
  const sites = await sitesOf(db, tenantId);
  const emailFor = (name: string) =>
    name === DEMO_GUARD.name ? DEMO_GUARD.email : emailOf(name, `${slug}.test`);
  // the demo guard is a demo login: the platform part has made him already (logins.ts)
  const existing = await db
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .where(
      and(
        eq(schema.users.tenantId, tenantId),
        inArray(schema.users.email, guardNames.map(emailFor)),
      ),
    );
  const made = new Set(existing.map((g) => g.name));
  const fresh = guardNames.filter((name) => !made.has(name));
  const guards = [
    ...existing,
    ...(fresh.length
      ? await db
          .insert(schema.users)
          .values(
            fresh.map((name) => ({
              tenantId,
              name,
              email: emailFor(name),
              role: "guard" as const,
              passwordHash: hash,
            })),
          )
          .returning({ id: schema.users.id, name: schema.users.name })
      : []),
  ];
  const guardId = new Map(guards.map((g) => [g.name, g.id]));
  const rosterStart = addDays(localDay("UTC", now), -(HISTORY_DAYS + 5));
  const history: HistoryShift[] = [];
  const guardOf = new Map<string, string | null>();
  const events: (typeof schema.attendanceEvents.$inferInsert)[] = [];
  const findings: (typeof schema.shiftFindings.$inferInsert)[] = [];
  for (const [siteName, slots] of Object.entries(ROSTER)) {
    const site = sites.get(siteName);
    if (!site) continue;
    const posts = await db
      .insert(schema.posts)
      .values(
        [...new Set(slots.map((s) => s.post))].map((name) => ({ tenantId, siteId: site.id, name })),
      )
      .returning({ id: schema.posts.id, name: schema.posts.name });
    const postId = new Map(posts.map((p) => [p.name, p.id]));
    for (const slot of slots) {
      const [template] = await db
        .insert(schema.shiftTemplates)
        .values({
          tenantId,
          siteId: site.id,
          postId: postId.get(slot.post) ?? "",
          name: slot.name,
          days: slot.days,
          startTime: slot.start,
          endTime: slot.end,
          effectiveFrom: rosterStart,
        })
        .returning({ id: schema.shiftTemplates.id });
      if (!template) throw new Error("seed: template");
      const guard = slot.guard ? (guardId.get(slot.guard) ?? null) : null;
      if (guard)
        await db.insert(schema.shiftAssignments).values({
          tenantId,
          templateId: template.id,
          guardId: guard,
          startsOn: rosterStart,
          endsOn:
            slot.endsInDays === undefined
              ? null
              : addDays(localDay(site.timeZone, now), slot.endsInDays),
        });
      const today = localDay(site.timeZone, now);
      for (let d = -HISTORY_DAYS; d <= 0; d++) {
        const day = addDays(today, d);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
        if (!slot.days.includes(weekday)) continue;
        const { startsAt, endsAt } = shiftInstants(day, slot.start, slot.end, site.timeZone);
        if (startsAt > now) continue; // materialisation makes the rest
        const shift: HistoryShift = {
          id: randomUUID(),
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          postId: postId.get(slot.post) ?? "",
          templateId: template.id,
          guardId: guard,
          localDate: day,
          startsAt,
          endsAt,
          confirmedAt: guard ? new Date(startsAt.getTime() - 3 * DAY) : null,
          createdAt: new Date(startsAt.getTime() - 14 * DAY),
          updatedAt: new Date(startsAt.getTime() - 14 * DAY),
        };
        const played = playHistory(random, site, shift, slot.guard, now);
        history.push(shift);
        guardOf.set(shift.id, guard);
        events.push(...played.events);
        findings.push(...played.findings);
      }
    }
  }
  await insertChunks(history, (c) => db.insert(schema.shifts).values(c));
  await insertChunks(events, (c) => db.insert(schema.attendanceEvents).values(c));
  await insertChunks(findings, (c) => db.insert(schema.shiftFindings).values(c));
  const rounds = await seedTours(ctx, tenantId, sites, history, now);
  const built = await materialiseSchedule(jobContext(tenantId, "demo-seed", db), {}, now);
  const gus = guardId.get(DEMO_GUARD.name);
  const hub = sites.get(DEMO_GUARD.site);
  if (gus && hub) await demoGuardOnDuty(db, tenantId, hub, gus, now);
  // most guards have confirmed their next few days; the rest show as a coverage risk
  await db.execute(sql`
    update shifts set confirmed_at = ${now.toISOString()}::timestamptz
    where tenant_id = ${tenantId} and guard_id is not null and confirmed_at is null
      and starts_at > ${now.toISOString()}::timestamptz and starts_at < ${now.toISOString()}::timestamptz + interval '3 days'
      and abs(hashtext(guard_id::text || local_date::text)) % 10 < 8`);
  ctx.log(
    `shifts: ${slug}: ${guards.length} guards, ${history.length} past shifts (${findings.length} findings), ${built.created} ahead, ${rounds} past tour rounds`,
  );
}

/**
 * The demo guard is on duty whenever the demo starts, so his phone page has a shift to check in
 * to and a round to walk: unless one of his rostered shifts is under way (or starts within the
 * early tolerance) with an hour or more to go, he covers a one-off relief shift at his hub from
 * a few minutes from now, for 8 h or up to his next rostered shift.
 */
async function demoGuardOnDuty(db: Db, tenantId: string, site: Site, guardId: string, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [current] = await rawRows<{ endsAt: string }>(
    db,
    sql`
    select ends_at as "endsAt" from shifts
    where tenant_id = ${tenantId} and guard_id = ${guardId} and status = 'scheduled'
      and starts_at - make_interval(mins => ${SHIFT_RULES.earlyToleranceMinutes}) <= ${at}
      and ends_at > ${at}
    order by ends_at desc limit 1`,
  );
  if (current && new Date(current.endsAt).getTime() >= now.getTime() + 60 * MINUTE) return;
  const [next] = await rawRows<{ startsAt: string }>(
    db,
    sql`
    select starts_at as "startsAt" from shifts
    where tenant_id = ${tenantId} and guard_id = ${guardId} and status = 'scheduled' and starts_at > ${at}
    order by starts_at limit 1`,
  );
  const soon = Math.ceil(now.getTime() / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
  const startsAt = new Date(Math.max(soon, current ? new Date(current.endsAt).getTime() : 0));
  const endsAt = new Date(
    Math.min(
      startsAt.getTime() + 8 * 60 * MINUTE,
      next ? new Date(next.startsAt).getTime() : Infinity,
    ),
  );
  if (endsAt <= startsAt) return;
  const [post] = await db
    .select({ id: schema.posts.id })
    .from(schema.posts)
    .where(and(eq(schema.posts.siteId, site.id), eq(schema.posts.name, DEMO_GUARD.post)));
  if (!post) throw new Error("seed: the demo guard's post");
  await db.insert(schema.shifts).values({
    tenantId,
    clientId: site.clientId,
    siteId: site.id,
    postId: post.id,
    templateId: null,
    guardId,
    localDate: localDay(site.timeZone, startsAt),
    startsAt,
    endsAt,
    confirmedAt: now,
  });
}

/** Tours with their checkpoints, and the past rounds as walked (most checkpoints scanned in time). */
async function seedTours(
  ctx: SeedContext,
  tenantId: string,
  sites: Map<string, Site>,
  history: HistoryShift[],
  now: Date,
): Promise<number> {
  const { db, random } = ctx;
  const since = new Date(now.getTime() - (HISTORY_DAYS + 5) * DAY);
  let count = 0;
  for (const tour of TOURS) {
    const site = sites.get(tour.site);
    if (!site) continue;
    const [row] = await db
      .insert(schema.tours)
      .values({
        tenantId,
        siteId: site.id,
        name: tour.name,
        critical: tour.critical,
        days: [1, 2, 3, 4, 5, 6, 7],
        windowStart: tour.windowStart,
        windowEnd: tour.windowEnd,
        everyMinutes: tour.everyMinutes,
        createdAt: since,
      })
      .returning({ id: schema.tours.id });
    if (!row) throw new Error("seed: tour");
    const checkpoints = await db
      .insert(schema.tourCheckpoints)
      .values(
        tour.checkpoints.map((c, i) => ({
          tenantId,
          tourId: row.id,
          siteId: site.id,
          seq: i + 1,
          ...c,
          token: newCheckpointToken(),
          createdAt: since,
        })),
      )
      .returning();
    const runs: (typeof schema.tourRuns.$inferInsert & { id: string; startsAt: Date })[] = [];
    const scans: (typeof schema.checkpointScans.$inferInsert)[] = [];
    const missed: (typeof schema.shiftFindings.$inferInsert)[] = [];
    const today = localDay(site.timeZone, now);
    const onDuty = history.filter((s) => s.siteId === site.id && s.checkedInAt);
    for (let d = -HISTORY_DAYS; d <= 0; d++) {
      const day = addDays(today, d);
      for (const m of roundStarts(tour.windowStart, tour.windowEnd, tour.everyMinutes)) {
        const startsAt = localInstant(day, m, site.timeZone);
        if (startsAt > now) continue;
        const run = {
          id: randomUUID(),
          tenantId,
          tourId: row.id,
          clientId: site.clientId,
          siteId: site.id,
          localDate: day,
          startsAt,
          createdAt: new Date(startsAt.getTime() - 14 * DAY),
        };
        runs.push(run);
        const guard = onDuty.find((s) => s.startsAt <= startsAt && s.endsAt > startsAt);
        for (const c of checkpoints) {
          const at = new Date(startsAt.getTime() + random.int(2, c.toleranceMinutes - 2) * MINUTE);
          const due = new Date(startsAt.getTime() + c.toleranceMinutes * MINUTE);
          // a checkpoint whose window is still open is left for the guard on duty to scan
          if (guard && due <= now && random.chance(0.94)) {
            scans.push({
              tenantId,
              tourRunId: run.id,
              checkpointId: c.id,
              guardId: guard.guardId ?? null,
              shiftId: guard.id,
              scannedAt: at,
              createdAt: at,
            });
          } else if (
            due <= now &&
            startsAt < new Date(now.getTime() - DAY) &&
            tierIncludes(site.tier, "shiftCompliance")
          ) {
            missed.push({
              tenantId,
              clientId: site.clientId,
              siteId: site.id,
              tourRunId: run.id,
              checkpointId: c.id,
              kind: "MISSED_CHECKPOINT",
              key: `${run.id}:${c.id}`,
              detectedAt: due,
              details: { checkpoint: c.name, roundStartsAt: startsAt, dueAt: due },
            });
          }
        }
      }
    }
    await insertChunks(runs, (c) => db.insert(schema.tourRuns).values(c));
    await insertChunks(scans, (c) => db.insert(schema.checkpointScans).values(c));
    await insertChunks(missed, (c) => db.insert(schema.shiftFindings).values(c));
    count += runs.length;
  }
  return count;
}

export const shiftsPart: SeedPart = {
  name: "shifts",
  async demo(ctx) {
    const now = new Date();
    // every demo guard signs in with the demo password (one hash: scrypt is slow on purpose)
    const hash = await hashPassword(DEMO_PASSWORD);
    await seedTenantShifts(ctx, "northwind", [DEMO_GUARD.name, ...NORTHWIND_GUARDS], hash, now);
    await seedTenantShifts(ctx, "bluefin", BLUEFIN_GUARDS, hash, now);
  },

  /**
   * --scale large (quality.md): 10,000 guards on the large tenant's 1,000 sites (five posts
   * each, a 07:00 and a 19:00 slot per post, one guard per slot), 140,000 shifts in the 14-day
   * schedule, and the last day's shifts with their attendance for detection to work over.
   */
  async large(ctx) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    const { db } = ctx;
    const now = new Date();
    const hash = await hashPassword(`${DEMO_PASSWORD}-large`);
    await db.execute(sql`
      insert into users (tenant_id, email, name, role, password_hash)
      select ${tenantId}, 'guard' || lpad(g::text, 5, '0') || '@large.northwind.test',
        'Guard ' || lpad(g::text, 5, '0'), 'guard', ${hash}
      from generate_series(1, 10000) g`);
    await db.execute(sql`
      insert into posts (tenant_id, site_id, name)
      select ${tenantId}, s.id, 'Post ' || k
      from sites s cross join generate_series(1, 5) k
      where s.tenant_id = ${tenantId} and s.name like 'Client %'`);
    await db.execute(sql`
      insert into shift_templates (tenant_id, site_id, post_id, name, days, start_time, end_time, effective_from)
      select ${tenantId}, p.site_id, p.id, slot.name, '{1,2,3,4,5,6,7}', slot.start_time, slot.end_time,
        (${now.toISOString()}::timestamptz)::date - 30
      from posts p
      join sites s on s.id = p.site_id and s.name like 'Client %'
      cross join (values ('Day', '07:00'::time, '19:00'::time), ('Night', '19:00'::time, '07:00'::time)) slot(name, start_time, end_time)
      where p.tenant_id = ${tenantId}`);
    await db.execute(sql`
      with t as (
        select t.id, row_number() over (order by t.id) as n
        from shift_templates t join sites s on s.id = t.site_id and s.name like 'Client %'
        where t.tenant_id = ${tenantId}
      ),
      g as (
        select u.id, row_number() over (order by u.email) as n
        from users u where u.tenant_id = ${tenantId} and u.email like '%@large.northwind.test'
      )
      insert into shift_assignments (tenant_id, template_id, guard_id, starts_on)
      select ${tenantId}, t.id, g.id, (${now.toISOString()}::timestamptz)::date - 30
      from t join g on g.n = t.n`);
    const built = await materialiseSchedule(jobContext(tenantId, "demo-seed", db), {}, now);
    // the shifts of the last day that have started, as materialisation made them before, with
    // their check-ins (97 in 100 on time at the site, 2 late, 1 never came)
    await db.execute(sql`
      with slots as (
        select t.id as template_id, t.post_id, t.site_id, s.client_id, s.time_zone, a.guard_id, d::date as day,
          (d::date + t.start_time) at time zone s.time_zone as starts_at,
          (d::date + t.end_time + case when t.end_time <= t.start_time then interval '1 day' else interval '0' end) at time zone s.time_zone as ends_at
        from shift_templates t
        join sites s on s.id = t.site_id and s.name like 'Client %'
        join shift_assignments a on a.template_id = t.id
        cross join generate_series((${now.toISOString()}::timestamptz at time zone s.time_zone)::date - 1,
          (${now.toISOString()}::timestamptz at time zone s.time_zone)::date, interval '1 day') d
        where t.tenant_id = ${tenantId}
      )
      insert into shifts (tenant_id, client_id, site_id, post_id, template_id, guard_id, local_date, starts_at, ends_at, checked_in_at, check_in_verdict, check_in_distance_m, last_verdict)
      select ${tenantId}, client_id, site_id, post_id, template_id, guard_id, day, starts_at, ends_at,
        arrived, case when arrived is not null then 'on_site'::location_verdict end,
        case when arrived is not null then 20 end, case when arrived is not null then 'on_site'::location_verdict end
      from (
        select *, case when ci <= ${now.toISOString()}::timestamptz then ci end as arrived
        from (
          select *, case when h < 97 then starts_at - interval '5 minutes' when h < 99 then starts_at + interval '25 minutes' end as ci
          from (select *, abs(hashtext(template_id::text || day::text)) % 100 as h from slots) hashed
        ) timed
      ) x
      where starts_at <= ${now.toISOString()}::timestamptz and starts_at > ${now.toISOString()}::timestamptz - interval '1 day'
      on conflict (template_id, local_date) do nothing`);
    await db.execute(sql`
      insert into attendance_events (tenant_id, shift_id, guard_id, kind, method, at, latitude, longitude, accuracy_m, verdict, distance_m, matched_site_id)
      select sh.tenant_id, sh.id, sh.guard_id, 'check_in', 'app', sh.checked_in_at, s.latitude, s.longitude, 15, 'on_site', 20, s.id
      from shifts sh join sites s on s.id = sh.site_id
      where sh.tenant_id = ${tenantId} and sh.checked_in_at is not null and s.name like 'Client %'`);
    const [counts] = await rawRows<{ ahead: number; today: number }>(
      db,
      sql`
      select count(*) filter (where starts_at > ${now.toISOString()}::timestamptz)::int as ahead,
        count(*) filter (where starts_at <= ${now.toISOString()}::timestamptz)::int as today
      from shifts where tenant_id = ${tenantId}`,
    );
    ctx.log(
      `shifts (large): 10,000 guards, ${built.created} shifts materialised, ${counts?.ahead ?? 0} ahead and ${counts?.today ?? 0} started in all`,
    );
  },
};
