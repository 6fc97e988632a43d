import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { notTracked, pctMeasure, type KpiMeasure } from "./kpis";
import { byClient, num, rowsOf, topDriver, uuids, type KpiSource, type Row } from "./source-kit";

/*
 * Attendance compliance and tour coverage from the shifts tables (shifts.md). A shift or round
 * belongs to the month of its site-local day. Attendance is read from the shift rows themselves
 * (the first check-in is kept on the row) with detection's own rules, so it holds for every plan,
 * including those whose shifts are records only and never get findings.
 */

const LATE = sql.raw(`interval '${SHIFT_RULES.lateAfterMinutes} minutes'`);

/** The shifts that count: scheduled (not cancelled), not excused, on a local day of the month. */
const countedShifts = (start: string, end: string) => sql`sh.status = 'scheduled'
  and sh.excused_at is null
  and sh.local_date >= ${start.slice(0, 10)}::date and sh.local_date < ${end.slice(0, 10)}::date`;

/** The checkpoints a round scheduled, as tourCoverageOf (shifts/tours.ts) counts them. */
const scheduledCheckpoints = sql`join tour_checkpoints c on c.tour_id = r.tour_id and c.active
    and c.created_at <= r.starts_at
  left join checkpoint_scans x on x.tour_run_id = r.id and x.checkpoint_id = c.id`;

// the starts_at bounds (local days are within a day of UTC) let tour_runs' (tenant, starts_at) index serve
const countedRounds = (start: string, end: string) => sql`not r.cancelled
  and r.starts_at >= ${start}::timestamptz - interval '1 day'
  and r.starts_at < ${end}::timestamptz + interval '1 day'
  and r.local_date >= ${start.slice(0, 10)}::date and r.local_date < ${end.slice(0, 10)}::date`;

export type AttendanceSite = { label: string; total: number; noShows: number; late: number };
export type CoverageSite = { label: string; scheduled: number; scanned: number };

/**
 * Shifts with an on-time check-in (no no-show, not late) over the shifts of the month; the
 * site with the most misses drives it. A client without guard posts is not tracked.
 */
export function attendanceMeasure(sites: readonly AttendanceSite[], tracked: boolean): KpiMeasure {
  const total = sites.reduce((a, s) => a + s.total, 0);
  if (!tracked && total === 0) return notTracked("no guard posts");
  const noShows = sites.reduce((a, s) => a + s.noShows, 0);
  const late = sites.reduce((a, s) => a + s.late, 0);
  const misses = sites.map((s) => ({ label: s.label, n: s.noShows + s.late }));
  return pctMeasure(
    total - noShows - late,
    total,
    "no shifts scheduled",
    { noShows, late },
    topDriver(misses, "no-shows and late arrivals"),
  );
}

/** Checkpoints scanned within their window over those the month's rounds scheduled. */
export function coverageMeasure(sites: readonly CoverageSite[], tracked: boolean): KpiMeasure {
  const scheduled = sites.reduce((a, s) => a + s.scheduled, 0);
  if (!tracked && scheduled === 0) return notTracked("no guard tours");
  const scanned = sites.reduce((a, s) => a + s.scanned, 0);
  const missed = sites.map((s) => ({ label: s.label, n: s.scheduled - s.scanned }));
  return pctMeasure(
    scanned,
    scheduled,
    "no tour rounds scheduled",
    { missed: scheduled - scanned },
    topDriver(missed, "missed checkpoints"),
  );
}

export const shiftsSource: KpiSource = {
  id: "shifts",
  keys: ["attendance_pct", "tour_coverage_pct"],
  async measure(db, { tenantId, clientIds, start, end }) {
    const ids = uuids(clientIds);
    const [attendance, coverage, setUp] = await Promise.all([
      rowsOf(
        db,
        sql`select sh.client_id, s.name as label, count(*)::int as total,
          count(*) filter (where sh.checked_in_at is null)::int as no_shows,
          count(*) filter (where sh.checked_in_at > sh.starts_at + ${LATE})::int as late
        from shifts sh join sites s on s.id = sh.site_id
        where sh.tenant_id = ${tenantId} and sh.client_id = any(${ids}::uuid[])
          and ${countedShifts(start, end)}
        group by 1, 2`,
      ),
      rowsOf(
        db,
        sql`select r.client_id, s.name as label, count(c.id)::int as scheduled,
          count(x.id)::int as scanned
        from tour_runs r join sites s on s.id = r.site_id
        ${scheduledCheckpoints}
        where r.tenant_id = ${tenantId} and r.client_id = any(${ids}::uuid[])
          and ${countedRounds(start, end)}
        group by 1, 2`,
      ),
      // whether the client has the module set up at all: guard posts, guard tours
      rowsOf(
        db,
        sql`select s.client_id,
          bool_or(exists (select 1 from posts p where p.site_id = s.id)) as posts,
          bool_or(exists (select 1 from tours t where t.tenant_id = ${tenantId} and t.site_id = s.id)) as tours
        from sites s
        where s.tenant_id = ${tenantId} and s.client_id = any(${ids}::uuid[])
        group by 1`,
      ),
    ]);
    const att = byClient(attendance);
    const cov = byClient(coverage);
    const set = new Map(setUp.map((r) => [String(r.client_id), r]));
    const asAttendance = (r: Row): AttendanceSite => ({
      label: String(r.label),
      total: num(r.total),
      noShows: num(r.no_shows),
      late: num(r.late),
    });
    const asCoverage = (r: Row): CoverageSite => ({
      label: String(r.label),
      scheduled: num(r.scheduled),
      scanned: num(r.scanned),
    });
    return new Map(
      clientIds.map((c) => [
        c,
        {
          attendance_pct: attendanceMeasure(
            (att.get(c) ?? []).map(asAttendance),
            set.get(c)?.posts === true,
          ),
          tour_coverage_pct: coverageMeasure(
            (cov.get(c) ?? []).map(asCoverage),
            set.get(c)?.tours === true,
          ),
        },
      ]),
    );
  },
};

type Window = { t: string; c: string; start: string; end: string };

/** The records behind attendance (one row per shift) and tour coverage (one per checkpoint of a round). */
export function shiftDrillQuery(key: "attendance_pct" | "tour_coverage_pct", w: Window): SQL {
  if (key === "attendance_pct")
    return sql`
      select sh.id::text as id, p.name as ref, coalesce(u.name, 'Nobody assigned') as title,
        s.name as site, sh.starts_at as at,
        case when sh.checked_in_at is null then 'no show'
          when sh.checked_in_at > sh.starts_at + ${LATE} then 'late, ' ||
            round(extract(epoch from sh.checked_in_at - sh.starts_at) / 60) || ' min after the start'
          else 'on time' end as detail,
        (sh.checked_in_at is null or sh.checked_in_at > sh.starts_at + ${LATE}) as flagged
      from shifts sh join sites s on s.id = sh.site_id
        left join posts p on p.id = sh.post_id left join users u on u.id = sh.guard_id
      where sh.tenant_id = ${w.t} and sh.client_id = ${w.c} and ${countedShifts(w.start, w.end)}
      order by sh.starts_at desc, sh.id`;
  return sql`
    select r.id || ':' || c.id as id, t.name as ref, c.seq || '. ' || c.name as title,
      s.name as site, r.starts_at as at,
      case when x.id is null then 'missed'
        else 'scanned ' || round(extract(epoch from x.scanned_at - r.starts_at) / 60) || ' min into the round' end as detail,
      x.id is null as flagged
    from tour_runs r join tours t on t.id = r.tour_id join sites s on s.id = r.site_id
    ${scheduledCheckpoints}
    where r.tenant_id = ${w.t} and r.client_id = ${w.c} and ${countedRounds(w.start, w.end)}
    order by r.starts_at desc, c.seq, c.id`;
}
