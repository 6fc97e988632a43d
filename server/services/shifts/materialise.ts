import "server-only";
import { uuidIn } from "@/server/db/sql-literals";
import { sql, type SQL } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import type { DbOrTx } from "@/server/db";
import { actorRef, type ServiceCtx } from "../_core/context";
import type { PlatformCtx } from "../_core/system";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { rawRows } from "@/server/db/raw";

/**
 * The instant of a site-local naive timestamp `n` in zone `tz`, by schedule.ts's rule (a gap is
 * read with the offset before it, an overlap takes the earlier instant): the same candidates
 * `localInstant` tries, as SQL over a row with columns `tz` and `n`.
 */
const LOCAL_INSTANT = sql.raw(`(
  select case when vb and va then least(cb, ca) when vb then cb when va then ca else cb end
  from (select cb, ca, (cb at time zone tz) = n as vb, (ca at time zone tz) = n as va
    from (select
      (n - (((n - interval '1 day') at time zone 'UTC' at time zone tz) - (n - interval '1 day'))) at time zone 'UTC' as cb,
      (n - (((n + interval '1 day') at time zone 'UTC' at time zone tz) - (n + interval '1 day'))) at time zone 'UTC' as ca
    ) c) v)`);

const ids = uuidIn;

/** The advisory lock class of materialisation (any constant not used by another lock). */
const LOCK_CLASS = 7_226_316;

export type MaterialiseResult = {
  created: number;
  updated: number;
  cancelled: number;
  rounds: number;
  sites: number;
};

/**
 * Builds the next 14 site-local days of shifts (and tour rounds) from the roster, for the
 * tenant's active sites (or only `siteIds`), in a few set-based statements:
 * - a missing future shift is inserted; a future one that has not started (no check-in, not
 *   excused) is updated when its guard, post or times changed, and cancelled when the roster
 *   no longer has it (a cancelled one comes back when the roster does again);
 * - a shift that has started, or has been checked in to, is never rewritten;
 * - re-running changes nothing (every update is guarded by IS DISTINCT FROM).
 * Each site whose schedule changed gets one audit row with its counts.
 */
export async function materialiseSchedule(
  ctx: ServiceCtx,
  input: { siteIds?: string[] },
  now: Date,
): Promise<MaterialiseResult> {
  return inTx(ctx, async (tx) => {
    // one materialisation of a tenant at a time (the hourly run, a roster change): the insert
    // below relies on it; and room to sort and hash 140,000 slots in memory
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${ctx.tenantId}))`,
    );
    await tx.db.execute(sql`set local work_mem = '64MB'`);
    const at = sql`${now.toISOString()}::timestamptz`;
    const siteFilter = input.siteIds ? sql`and s.id in ${ids(input.siteIds)}` : sql``;
    const shifts = await upsertShifts(tx.db, ctx.tenantId, at, siteFilter);
    const rounds = await upsertRounds(tx.db, ctx.tenantId, at, siteFilter);
    const changed = [...new Set([...shifts.map((r) => r.siteId), ...rounds.map((r) => r.siteId)])];
    const count = (op: string) => shifts.filter((r) => r.op === op).length;
    const result = {
      created: count("created"),
      updated: count("updated"),
      cancelled: count("cancelled"),
      rounds: rounds.length,
      sites: changed.length,
    };
    if (changed.length) {
      await auditPerSite(tx, shifts, rounds);
      await publish(tx, "shift", null);
    }
    return result;
  });
}

type Changed = { siteId: string; op: "created" | "updated" | "cancelled" };

/** The slots the roster asks for, the upsert and the cancellations, in one statement. */
async function upsertShifts(
  db: DbOrTx,
  tenantId: string,
  at: SQL,
  siteFilter: SQL,
): Promise<Changed[]> {
  return await rawRows<Changed>(
    db,
    sql`
    with site_days as (
      select s.id as site_id, s.client_id, s.time_zone as tz, d::date as day
      from sites s
      cross join lateral generate_series((${at} at time zone s.time_zone)::date,
        (${at} at time zone s.time_zone)::date + ${SHIFT_RULES.horizonDays - 1}::int, interval '1 day') d
      where s.tenant_id = ${tenantId} and s.active ${siteFilter}
    ),
    slots as (
      select t.id as template_id, t.post_id, sd.site_id, sd.client_id, sd.tz, sd.day,
        sd.day + t.start_time as n_start,
        sd.day + t.end_time + case when t.end_time <= t.start_time then interval '1 day' else interval '0' end as n_end,
        a.guard_id
      from shift_templates t
      join posts p on p.id = t.post_id and p.active
      join site_days sd on sd.site_id = t.site_id
      -- assignments of a template do not overlap (roster.ts), so a day has at most one
      left join shift_assignments a on a.template_id = t.id and a.starts_on <= sd.day
        and (a.ends_on is null or a.ends_on >= sd.day)
      where t.tenant_id = ${tenantId} and t.active
        and extract(isodow from sd.day)::int = any(t.days)
        and sd.day >= t.effective_from and (t.effective_to is null or sd.day <= t.effective_to)
    ),
    naive as (
      select distinct tz, n from (select tz, n_start as n from slots union all select tz, n_end from slots) x
    ),
    instants as (select tz, n, ${LOCAL_INSTANT} as at from naive),
    wanted as (
      select sl.*, i1.at as starts_at, i2.at as ends_at
      from slots sl
      join instants i1 on i1.tz = sl.tz and i1.n = sl.n_start
      join instants i2 on i2.tz = sl.tz and i2.n = sl.n_end
    ),
    -- only what is new or differs: an unchanged shift is not even touched
    changes as (
      select w.*, sh.id as existing_id from wanted w
      left join shifts sh on sh.template_id = w.template_id and sh.local_date = w.day
      where w.starts_at > ${at}
        and (sh.id is null or (sh.starts_at > ${at} and sh.checked_in_at is null and sh.excused_at is null
          and (sh.guard_id, sh.post_id, sh.starts_at, sh.ends_at, sh.status)
            is distinct from (w.guard_id, w.post_id, w.starts_at, w.ends_at, 'scheduled'::shift_status)))
    ),
    -- a plain insert (no speculative insertion): runs for a tenant are serialised by the lock
    inserted as (
      insert into shifts (tenant_id, client_id, site_id, post_id, template_id, guard_id, local_date, starts_at, ends_at)
      select ${tenantId}, client_id, site_id, post_id, template_id, guard_id, day, starts_at, ends_at
      from changes where existing_id is null
      returning site_id
    ),
    updated as (
      update shifts sh set guard_id = c.guard_id, post_id = c.post_id, starts_at = c.starts_at,
        ends_at = c.ends_at, status = 'scheduled', updated_at = ${at},
        confirmed_at = case when sh.guard_id is distinct from c.guard_id then null else sh.confirmed_at end
      from changes c
      -- checked again on the row as it is now: a check-in being recorded meanwhile wins
      where sh.id = c.existing_id and sh.starts_at > ${at} and sh.checked_in_at is null and sh.excused_at is null
      returning sh.site_id
    ),
    cancelled as (
      update shifts sh set status = 'cancelled', updated_at = ${at}
      where sh.tenant_id = ${tenantId} and sh.status = 'scheduled' and sh.template_id is not null
        and sh.starts_at > ${at} and sh.checked_in_at is null and sh.excused_at is null
        and sh.site_id in (select distinct site_id from site_days)
        and not exists (select 1 from wanted w where w.template_id = sh.template_id and w.day = sh.local_date)
      returning sh.site_id
    )
    select site_id as "siteId", 'created' as op from inserted
    union all select site_id, 'updated' from updated
    union all select site_id, 'cancelled' from cancelled`,
  );
}

/** Tour rounds for the same days, the same way (a round is only ever added or cancelled). */
async function upsertRounds(
  db: DbOrTx,
  tenantId: string,
  at: SQL,
  siteFilter: SQL,
): Promise<{ siteId: string }[]> {
  return await rawRows<{
    siteId: string;
  }>(
    db,
    sql`
    with site_days as (
      select s.id as site_id, s.client_id, s.time_zone as tz, d::date as day
      from sites s
      cross join lateral generate_series((${at} at time zone s.time_zone)::date - 1,
        (${at} at time zone s.time_zone)::date + ${SHIFT_RULES.horizonDays - 1}::int, interval '1 day') d
      where s.tenant_id = ${tenantId} and s.active ${siteFilter}
    ),
    slots as (
      select t.id as tour_id, sd.site_id, sd.client_id, sd.tz, sd.day,
        sd.day + t.window_start + make_interval(mins => k * t.every_minutes) as n
      from tours t
      join site_days sd on sd.site_id = t.site_id
      -- the window's length in minutes (an end at or before the start is the next day)
      cross join lateral (select case when t.window_end = t.window_start then 1440
        else ((extract(epoch from t.window_end - t.window_start) / 60)::int + 1440) % 1440 end as w) len
      cross join lateral generate_series(0, (len.w - 1) / t.every_minutes) k
      where t.tenant_id = ${tenantId} and t.active
        and extract(isodow from sd.day)::int = any(t.days)
    ),
    instants as (select tz, n, ${LOCAL_INSTANT} as at from (select distinct tz, n from slots) x),
    wanted as (
      select sl.*, i.at as starts_at from slots sl join instants i on i.tz = sl.tz and i.n = sl.n
    ),
    upserted as (
      insert into tour_runs (tenant_id, tour_id, client_id, site_id, local_date, starts_at)
      select ${tenantId}, tour_id, client_id, site_id, day, starts_at from wanted where starts_at > ${at}
      on conflict (tour_id, starts_at) do update set cancelled = false
      where tour_runs.cancelled
      returning site_id
    ),
    cancelled as (
      update tour_runs r set cancelled = true
      where r.tenant_id = ${tenantId} and not r.cancelled and r.starts_at > ${at}
        and r.site_id in (select distinct site_id from site_days)
        and not exists (select 1 from wanted w where w.tour_id = r.tour_id and w.starts_at = r.starts_at)
      returning r.site_id
    )
    select site_id as "siteId" from upserted union all select site_id from cancelled`,
  );
}

async function auditPerSite(ctx: ServiceCtx, shifts: Changed[], rounds: { siteId: string }[]) {
  const per = new Map<string, Record<string, number>>();
  const bump = (siteId: string, key: string) => {
    const counts = per.get(siteId) ?? {};
    counts[key] = (counts[key] ?? 0) + 1;
    per.set(siteId, counts);
  };
  for (const s of shifts) bump(s.siteId, s.op);
  for (const r of rounds) bump(r.siteId, "rounds");
  const who = actorRef(ctx.actor);
  await ctx.db.execute(sql`
    insert into audit_log (tenant_id, actor_type, actor_id, actor_label, action, entity_type, entity_id, after)
    select ${ctx.tenantId}, ${who.type}, ${who.id}, ${who.label}, 'shift.materialise', 'site', x.key, x.value
    from jsonb_each(${JSON.stringify(Object.fromEntries(per))}::jsonb) x`);
}

/**
 * The sites (by tenant) whose local time is the rebuild hour (02:00) at `now`: the hourly run
 * rebuilds each site once a day at its own 02:00, whatever its zone.
 */
export async function sitesDueForRebuild(
  ctx: PlatformCtx,
  now: Date,
): Promise<{ tenantId: string; siteIds: string[] }[]> {
  return await rawRows<{ tenantId: string; siteIds: string[] }>(
    ctx.db,
    sql`
    select s.tenant_id as "tenantId", array_agg(s.id::text order by s.id) as "siteIds"
    from sites s
    where s.active
      and extract(hour from ${now.toISOString()}::timestamptz at time zone s.time_zone) = ${SHIFT_RULES.rebuildLocalHour}
      and (exists (select 1 from shift_templates t where t.site_id = s.id and t.active)
        or exists (select 1 from tours t where t.site_id = s.id and t.active))
    group by s.tenant_id
    order by s.tenant_id`,
  );
}
