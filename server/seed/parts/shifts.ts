import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { schema, type Db } from "@/server/db";
import { hashPassword } from "@/server/services/auth/password";
import { jobContext } from "@/server/services/_core/system";
import { materialiseSchedule } from "@/server/services/shifts/materialise";
import { addDays, localDay, shiftInstants } from "@/server/services/shifts/schedule";
import { DEMO_PASSWORD } from "../logins";
import type { SeedContext, SeedPart } from "../types";
import { BLUEFIN_GUARDS, DEMO_GUARD, NORTHWIND_GUARDS } from "./shifts-data";
import { ROSTER } from "./shifts-roster-data";
import { rawRows } from "@/server/db/raw";
import {
  HISTORY_DAYS,
  MINUTE,
  DAY,
  type Site,
  sitesOf,
  insertChunks,
  type HistoryShift,
  playHistory,
} from "./shifts-history";
import { seedTours } from "./shifts-tours";

const emailOf = (name: string, domain: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${domain}`;

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
