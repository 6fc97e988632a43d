import { sql } from "drizzle-orm";
import { rawRows } from "@/server/db/raw";
import { hashPassword } from "@/server/services/auth/password";
import { jobContext } from "@/server/services/_core/system";
import { materialiseSchedule } from "@/server/services/shifts/materialise";
import { DEMO_PASSWORD } from "../logins";
import type { SeedContext } from "../types";

/**
 * --scale large (quality.md): 10,000 guards on the large tenant's 1,000 sites (five posts
 * each, a 07:00 and a 19:00 slot per post, one guard per slot), 140,000 shifts in the 14-day
 * schedule, and the last day's shifts with their attendance for detection to work over.
 */
export async function largeShifts(ctx: SeedContext) {
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
}
