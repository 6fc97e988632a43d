import "server-only";
import { uuidIn } from "@/server/db/sql-literals";
import { sql, type SQL } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { tiersWith } from "@/lib/tiers";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { resolveAlertsByFingerprint } from "../noc/system-alerts";
import { rawRows } from "@/server/db/raw";
import { findingFingerprint, raiseFor, type NewFinding } from "./detect-raise";

/** The plans with shift compliance: other clients' shifts are records only, never detected. */
const COMPLIANCE_TIERS = sql.raw(`'{${tiersWith("shiftCompliance").join(",")}}'::tier[]`);

export type DetectResult = { raised: number; converted: number; alerts: number };

const ids = uuidIn;

/**
 * The shift rules (shifts.md) over the tenant's shifts of silver-and-up clients that started in
 * the last day (or only `shiftIds`), set-based:
 * 1. a NO_SHOW whose shift now has a check-in becomes LATE and its alert is resolved;
 * 2. LATE (first check-in > 15 min after the start), NO_SHOW (started ≥ 2 h ago, no check-in)
 *    and WRONG_SITE (an attendance of the shift outside its site's fence) are inserted once per
 *    shift and kind — the unique key makes two concurrent runs insert each finding once, and
 *    the shift rows read are share-locked, so a check-in being recorded is waited for;
 * 3. only the findings this run inserted raise their NOC alert and notify the site's managers.
 */
export async function detectShifts(
  ctx: ServiceCtx,
  input: { shiftIds?: string[] },
  now: Date,
): Promise<DetectResult> {
  return inTx(ctx, async (tx) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    const which = input.shiftIds
      ? sql`s.id in ${ids(input.shiftIds)}`
      : sql`s.starts_at > ${at} - interval '1 day' and s.starts_at <= ${at}`;
    const converted = await convertNoShows(tx, which, now);
    const found = await rawRows<NewFinding>(
      tx.db,
      sql`
      with candidates as (
        -- site by site, so each site's shifts come from its (tenant, site, start) index
        select s.id, s.client_id, s.site_id, s.starts_at, s.checked_in_at
        from sites st
        join clients c on c.id = st.client_id and c.tier = any(${COMPLIANCE_TIERS})
        join shifts s on s.tenant_id = st.tenant_id and s.site_id = st.id
        where st.tenant_id = ${ctx.tenantId} and ${which}
          and s.status = 'scheduled' and s.excused_at is null
          and (
            (s.checked_in_at is null and s.starts_at <= ${at} - make_interval(mins => ${SHIFT_RULES.noShowAfterMinutes}))
            or s.checked_in_at > s.starts_at + make_interval(mins => ${SHIFT_RULES.lateAfterMinutes})
            or exists (select 1 from attendance_events e where e.shift_id = s.id and e.verdict = 'wrong_site')
          )
        for share of s
      ),
      rules as (
        select c.*, 'NO_SHOW'::finding_kind as kind, jsonb_build_object('minutesOverdue',
          floor(extract(epoch from ${at} - c.starts_at) / 60)::int) as details
        from candidates c
        where c.checked_in_at is null and c.starts_at <= ${at} - make_interval(mins => ${SHIFT_RULES.noShowAfterMinutes})
        union all
        select c.*, 'LATE', jsonb_build_object('minutesLate', floor(extract(epoch from c.checked_in_at - c.starts_at) / 60)::int)
        from candidates c
        where c.checked_in_at > c.starts_at + make_interval(mins => ${SHIFT_RULES.lateAfterMinutes})
        union all
        select c.*, 'WRONG_SITE', (
          select jsonb_build_object('kind', e.kind, 'at', e.at, 'distanceM', e.distance_m, 'atSite', ms.name)
          from attendance_events e left join sites ms on ms.id = e.matched_site_id
          where e.shift_id = c.id and e.verdict = 'wrong_site' order by e.at limit 1)
        from candidates c
        where exists (select 1 from attendance_events e where e.shift_id = c.id and e.verdict = 'wrong_site')
      ),
      inserted as (
        insert into shift_findings (tenant_id, client_id, site_id, shift_id, kind, key, detected_at, details)
        select ${ctx.tenantId}, client_id, site_id, id, kind, id || ':' || kind, ${at}, details from rules
        on conflict (tenant_id, key) do nothing
        returning id, key, kind, shift_id, site_id, client_id, details
      )
      select i.id, i.key, i.kind, i.shift_id as "shiftId", null as "tourRunId", i.site_id as "siteId",
        i.client_id as "clientId", st.name as "siteName", st.criticality, u.name as "guardName",
        p.name as "postName", null as "tourName", null as critical, i.details
      from inserted i
      join sites st on st.id = i.site_id
      join shifts s on s.id = i.shift_id
      join posts p on p.id = s.post_id
      left join users u on u.id = s.guard_id`,
    );
    const alerts = await raiseFor(tx, found, now);
    if (found.length || converted) await publish(tx, "shift", null);
    return { raised: found.length, converted, alerts };
  });
}

/**
 * A late check-in after a NO_SHOW: the finding becomes LATE (kept as one finding, with what it
 * was) and its alert is resolved. Had a LATE been stored meanwhile, the NO_SHOW goes instead.
 */
async function convertNoShows(tx: ServiceCtx, which: SQL, now: Date): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await rawRows<{ key: string }>(
    tx.db,
    sql`
    with stale as (
      select f.id, f.key, s.id as shift_id, s.checked_in_at, s.starts_at,
        exists (select 1 from shift_findings l where l.tenant_id = f.tenant_id and l.key = s.id || ':LATE') as has_late
      from shift_findings f
      join shifts s on s.id = f.shift_id
      where f.tenant_id = ${tx.tenantId} and f.kind = 'NO_SHOW' and s.checked_in_at is not null and ${which}
      for update of f
    ),
    dropped as (
      delete from shift_findings f using stale where f.id = stale.id and stale.has_late returning f.key
    ),
    turned as (
      update shift_findings f set kind = 'LATE', previous_kind = 'NO_SHOW', key = stale.shift_id || ':LATE',
        details = f.details || jsonb_build_object('minutesLate',
          floor(extract(epoch from stale.checked_in_at - stale.starts_at) / 60)::int, 'turnedLateAt', ${at})
      from stale where f.id = stale.id and not stale.has_late
      returning stale.key
    )
    select key from dropped union all select key from turned`,
  );
  if (rows.length)
    await resolveAlertsByFingerprint(
      tx,
      rows.map((r) => findingFingerprint(r.key)),
      "The guard checked in after all (now a late arrival)",
      now,
    );
  return rows.length;
}

/**
 * Missed checkpoints: each active checkpoint of a round of the last day whose window (round
 * start + its tolerance) has closed with no scan is a MISSED_CHECKPOINT finding, once; a round
 * of a critical tour with any raises one NOC alert.
 */
export async function detectTours(ctx: ServiceCtx, now: Date): Promise<DetectResult> {
  return inTx(ctx, async (tx) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    const found = await rawRows<NewFinding>(
      tx.db,
      sql`
      with missed as (
        select r.id as run_id, r.client_id, r.site_id, c.id as checkpoint_id, c.name, r.starts_at,
          r.starts_at + make_interval(mins => c.tolerance_minutes) as due
        from tour_runs r
        join clients cl on cl.id = r.client_id and cl.tier = any(${COMPLIANCE_TIERS})
        join tour_checkpoints c on c.tour_id = r.tour_id and c.active and c.created_at <= r.starts_at
        where r.tenant_id = ${ctx.tenantId} and not r.cancelled
          and r.starts_at > ${at} - interval '1 day'
          and r.starts_at + make_interval(mins => c.tolerance_minutes) <= ${at}
          and not exists (select 1 from checkpoint_scans x where x.tour_run_id = r.id and x.checkpoint_id = c.id)
      ),
      inserted as (
        insert into shift_findings (tenant_id, client_id, site_id, tour_run_id, checkpoint_id, kind, key, detected_at, details)
        select ${ctx.tenantId}, client_id, site_id, run_id, checkpoint_id, 'MISSED_CHECKPOINT',
          run_id || ':' || checkpoint_id, ${at},
          jsonb_build_object('checkpoint', name, 'roundStartsAt', starts_at, 'dueAt', due)
        from missed
        on conflict (tenant_id, key) do nothing
        returning id, key, kind, tour_run_id, site_id, client_id, details
      )
      select i.id, i.key, i.kind, null as "shiftId", i.tour_run_id as "tourRunId", i.site_id as "siteId",
        i.client_id as "clientId", st.name as "siteName", st.criticality, null as "guardName",
        null as "postName", t.name as "tourName", t.critical, i.details
      from inserted i
      join sites st on st.id = i.site_id
      join tour_runs r on r.id = i.tour_run_id
      join tours t on t.id = r.tour_id`,
    );
    const alerts = await raiseFor(tx, found, now);
    if (found.length) await publish(tx, "shift", null);
    return { raised: found.length, converted: 0, alerts };
  });
}

/** The sweep for one tenant: shifts, then tours. */
export async function detectTenant(ctx: ServiceCtx, now: Date) {
  const shifts = await detectShifts(ctx, {}, now);
  const tours = await detectTours(ctx, now);
  return {
    findings: shifts.raised + tours.raised,
    converted: shifts.converted,
    alerts: shifts.alerts + tours.alerts,
  };
}
