import "server-only";
import { sql } from "drizzle-orm";
import { BOARD_SITES_PER_PAGE } from "@/lib/shifts";
import { tierIncludes, type Tier } from "@/lib/tiers";
import type { ServiceCtx } from "../_core/context";
import { requireActorCan } from "../_core/scope";
import { boardOrder, NO_LOAD, needsAttention, pageOf } from "./board-order";
import { SHIFT_COLUMNS, toBoardRow, type BoardRow, type RawShift } from "./board-rows";
import { siteToday, todayShifts, triageToday, type BoardSummary } from "./board-triage";
import { localClock, localDay } from "./schedule";
import { scopedSites, type ShiftSiteRow } from "./sites";
import { rawRows } from "@/server/db/raw";

export type BoardSite = Omit<ShiftSiteRow, "tier"> & {
  tier: Tier;
  localDate: string;
  /** shift compliance (silver and up): states, findings, figures */
  compliance: boolean;
  /** the live board (gold): the page refreshes on each change */
  live: boolean;
  /** shifts to act on now plus checkpoints missed today (what ranks the site first) */
  attention: number;
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
 * Today's board, a page of the sites in scope at a time, in each site's local day: every shift
 * that overlaps it (the night shift still running from yesterday included) with its state, and
 * the day's tour rounds with their coverage. Every site in scope is triaged first (states only)
 * so the sites needing attention lead the first page and the summary counts the whole scope; only
 * the page's sites are read in full. Sites whose plan lacks shift compliance come last, locked,
 * without rows (their shifts stay readable as plain records through `list`).
 */
export async function shiftBoard(
  ctx: ServiceCtx,
  input: { siteId?: string; page?: number; perPage?: number },
  now: Date,
): Promise<{
  now: Date;
  sites: BoardSite[];
  page: { index: number; pages: number; perPage: number; total: number };
  summary: BoardSummary & { attentionSites: number };
}> {
  requireActorCan(ctx, "shifts.view");
  const all = (await scopedSites(ctx, input.siteId)).map((s) => ({
    ...s,
    compliance: tierIncludes(s.tier, "shiftCompliance"),
  }));
  const { load, summary } = await triageToday(
    ctx,
    all.filter((s) => s.compliance).map((s) => s.id),
    now,
  );
  const { items: sites, page } = pageOf(
    boardOrder(all, load),
    input.page ?? 1,
    input.perPage ?? BOARD_SITES_PER_PAGE,
  );
  const open = sites.filter((s) => s.compliance).map((s) => s.id);
  const today = siteToday(open, now);
  const [rows, rounds] = open.length
    ? await Promise.all([
        rawRows<RawShift>(
          ctx.db,
          sql`
        ${today}
        select ${SHIFT_COLUMNS}
        from day
        ${todayShifts(ctx.tenantId)}
        join posts p on p.id = sh.post_id
        left join users u on u.id = sh.guard_id
        order by sh.starts_at, p.name`,
        ),
        rawRows<{
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
        ),
      ])
    : [[], []];
  return {
    now,
    page,
    summary: {
      ...summary,
      attentionSites: all.filter((s) => s.compliance && needsAttention(load.get(s.id) ?? NO_LOAD))
        .length,
    },
    sites: sites.map(({ compliance, ...s }) => ({
      ...s,
      localDate: localDay(s.timeZone, now),
      compliance,
      live: tierIncludes(s.tier, "liveComplianceDashboards"),
      attention: compliance ? needsAttention(load.get(s.id) ?? NO_LOAD) : 0,
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
    })),
  };
}
