import "server-only";
import { sql } from "drizzle-orm";
import { shiftState, type FindingKind, type LocationVerdict, type ShiftState } from "@/lib/shifts";
import { tierIncludes, type Tier } from "@/lib/tiers";
import type { ServiceCtx } from "../_core/context";
import { requireActorCan } from "../_core/scope";
import { localClock, localDay } from "./schedule";
import { scopedSites, type ShiftSiteRow } from "./sites";
import { rawRows } from "@/server/db/raw";

export type BoardRow = {
  id: string;
  siteId: string;
  postId: string;
  postName: string;
  guardId: string | null;
  guardName: string | null;
  startsAt: Date;
  endsAt: Date;
  localStart: string;
  localEnd: string;
  state: ShiftState;
  checkedInAt: Date | null;
  checkedInLocal: string | null;
  checkInVerdict: LocationVerdict | null;
  distanceM: number | null;
  checkedOutAt: Date | null;
  confirmed: boolean;
  excuseReason: string | null;
  findings: { kind: FindingKind; alertId: string | null; previousKind: FindingKind | null }[];
  /** minutes past the start of the first check-in (negative: early) */
  minutesLate: number | null;
  earlyMinutes: number | null;
};

type RawShift = {
  id: string;
  siteId: string;
  postId: string;
  postName: string;
  guardId: string | null;
  guardName: string | null;
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "cancelled";
  confirmedAt: Date | null;
  excusedAt: Date | null;
  excuseReason: string | null;
  checkedInAt: Date | null;
  checkInVerdict: LocationVerdict | null;
  checkInDistanceM: number | null;
  checkedOutAt: Date | null;
  lastVerdict: LocationVerdict | null;
  findings:
    { kind: FindingKind; alertId: string | null; previousKind: FindingKind | null }[] | null;
  earlyMinutes: number | null;
};

const asDate = (v: unknown) => (v == null ? null : new Date(v as string));

/** The columns every shift view reads, over `shifts sh` joined to `posts p` and `users u`. */
export const SHIFT_COLUMNS = sql`
  sh.id, sh.site_id as "siteId", sh.post_id as "postId", p.name as "postName",
  sh.guard_id as "guardId", u.name as "guardName", sh.starts_at as "startsAt", sh.ends_at as "endsAt",
  sh.status, sh.confirmed_at as "confirmedAt", sh.excused_at as "excusedAt",
  sh.excuse_reason as "excuseReason", sh.checked_in_at as "checkedInAt",
  sh.check_in_verdict as "checkInVerdict", sh.check_in_distance_m as "checkInDistanceM",
  sh.checked_out_at as "checkedOutAt", sh.last_verdict as "lastVerdict",
  (select jsonb_agg(jsonb_build_object('kind', f.kind, 'alertId', f.alert_id, 'previousKind', f.previous_kind) order by f.detected_at)
    from shift_findings f where f.shift_id = sh.id) as findings,
  (select max(e.early_minutes) from attendance_events e where e.shift_id = sh.id and e.kind = 'check_in') as "earlyMinutes"`;

/** A raw shift row as the board shows it at `now`, in its site's time zone. */
export function toBoardRow(r: RawShift, timeZone: string, now: Date): BoardRow {
  const startsAt = new Date(r.startsAt);
  const endsAt = new Date(r.endsAt);
  const checkedInAt = asDate(r.checkedInAt);
  const checkedOutAt = asDate(r.checkedOutAt);
  const findings = r.findings ?? [];
  return {
    id: r.id,
    siteId: r.siteId,
    postId: r.postId,
    postName: r.postName,
    guardId: r.guardId,
    guardName: r.guardName,
    startsAt,
    endsAt,
    localStart: localClock(timeZone, startsAt),
    localEnd: localClock(timeZone, endsAt),
    state: shiftState(
      {
        startsAt,
        endsAt,
        cancelled: r.status === "cancelled",
        excused: r.excusedAt != null,
        checkedInAt,
        checkedOutAt,
        lastVerdict: r.lastVerdict,
        findings: findings.map((f) => f.kind),
      },
      now,
    ),
    checkedInAt,
    checkedInLocal: checkedInAt ? localClock(timeZone, checkedInAt) : null,
    checkInVerdict: r.checkInVerdict,
    distanceM: r.checkInDistanceM,
    checkedOutAt,
    confirmed: r.confirmedAt != null,
    excuseReason: r.excuseReason,
    findings,
    minutesLate: checkedInAt
      ? Math.floor((checkedInAt.getTime() - startsAt.getTime()) / 60_000)
      : null,
    earlyMinutes: r.earlyMinutes,
  };
}

export type BoardSite = Omit<ShiftSiteRow, "tier"> & {
  tier: Tier;
  localDate: string;
  /** shift compliance (silver and up): states, findings, figures */
  compliance: boolean;
  /** the live board (gold): the page refreshes on each change */
  live: boolean;
  shifts: BoardRow[];
  rounds: {
    tourId: string;
    tourName: string;
    critical: boolean;
    startsAt: Date;
    localStart: string;
    expected: number;
    scanned: number;
    missed: number;
  }[];
};

/**
 * Today's board, per site in scope, in each site's local day: every shift that overlaps it
 * (the night shift still running from yesterday included) with its state, and the day's tour
 * rounds with their coverage. Sites whose plan lacks shift compliance are listed locked, without
 * rows (their shifts stay readable as plain records through `list`).
 */
export async function shiftBoard(
  ctx: ServiceCtx,
  input: { siteId?: string },
  now: Date,
): Promise<{ now: Date; sites: BoardSite[] }> {
  requireActorCan(ctx, "shifts.view");
  const sites = await scopedSites(ctx, input.siteId);
  const open = sites.filter((s) => tierIncludes(s.tier, "shiftCompliance"));
  const at = sql`${now.toISOString()}::timestamptz`;
  const siteIds = JSON.stringify(open.map((s) => s.id));
  // each site's local today, as instants
  const today = sql`with day as (
    select s.id, ((${at} at time zone s.time_zone)::date)::timestamp at time zone s.time_zone as from_at,
      ((${at} at time zone s.time_zone)::date + 1)::timestamp at time zone s.time_zone as to_at
    from sites s where s.id in (select jsonb_array_elements_text(${siteIds}::jsonb)::uuid))`;
  const rows = open.length
    ? await rawRows<RawShift>(
        ctx.db,
        sql`
        ${today}
        select ${SHIFT_COLUMNS}
        from day
        join shifts sh on sh.tenant_id = ${ctx.tenantId} and sh.site_id = day.id
          and sh.starts_at >= day.from_at - interval '1 day' and sh.starts_at < day.to_at and sh.ends_at > day.from_at
        join posts p on p.id = sh.post_id
        left join users u on u.id = sh.guard_id
        where sh.status = 'scheduled'
        order by sh.starts_at, p.name`,
      )
    : [];
  const rounds = open.length
    ? await rawRows<{
        siteId: string;
        tourId: string;
        tourName: string;
        critical: boolean;
        startsAt: string;
        expected: number;
        scanned: number;
        missed: number;
      }>(
        ctx.db,
        sql`
        ${today}
        select r.site_id as "siteId", r.tour_id as "tourId", t.name as "tourName", t.critical,
          r.starts_at as "startsAt",
          (select count(*)::int from tour_checkpoints c where c.tour_id = r.tour_id and c.active and c.created_at <= r.starts_at) as expected,
          (select count(*)::int from checkpoint_scans x where x.tour_run_id = r.id) as scanned,
          (select count(*)::int from shift_findings f where f.tour_run_id = r.id) as missed
        from day
        join tour_runs r on r.tenant_id = ${ctx.tenantId} and r.site_id = day.id and not r.cancelled
          and r.starts_at >= day.from_at and r.starts_at < day.to_at
        join tours t on t.id = r.tour_id
        order by r.starts_at, t.name`,
      )
    : [];
  return {
    now,
    sites: sites.map((s) => {
      const compliance = tierIncludes(s.tier, "shiftCompliance");
      return {
        ...s,
        localDate: localDay(s.timeZone, now),
        compliance,
        live: tierIncludes(s.tier, "liveComplianceDashboards"),
        shifts: compliance
          ? rows.filter((r) => r.siteId === s.id).map((r) => toBoardRow(r, s.timeZone, now))
          : [],
        rounds: rounds
          .filter((r) => r.siteId === s.id)
          .map((r) => ({
            tourId: r.tourId,
            tourName: r.tourName,
            critical: r.critical,
            startsAt: new Date(r.startsAt),
            localStart: localClock(s.timeZone, new Date(r.startsAt)),
            expected: r.expected,
            scanned: r.scanned,
            missed: r.missed,
          })),
      };
    }),
  };
}
