import "server-only";
import { sql } from "drizzle-orm";
import { BOARD_SITES_PER_PAGE } from "@/lib/shifts";
import { tierIncludes } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { getShiftInTenant, shiftSite } from "./access";
import { pageOf } from "./board-order";
import { SHIFT_COLUMNS, toBoardRow } from "./board-rows";
import { addDays, localDay } from "./schedule";
import { scopedSites } from "./sites";
import { rawRows } from "@/server/db/raw";
import { uuidIn as ids } from "@/server/db/sql-literals";

type Raw = Parameters<typeof toBoardRow>[0];

/**
 * The 14-day schedule (the week view), a page of the sites in scope at a time, by site-local
 * day. The sites with shifts in the period are paged (in client, then site name order); a site
 * asked for by id is shown even when empty. The schedule is a plain record: every plan sees it;
 * states come with shift compliance.
 */
export async function shiftWeek(
  ctx: ServiceCtx,
  input: { siteId?: string; from?: string; days: number; page?: number; perPage?: number },
  now: Date,
) {
  requireActorCan(ctx, "shifts.view");
  const scoped = await scopedSites(ctx, input.siteId);
  const empty = { index: 1, pages: 1, perPage: input.perPage ?? BOARD_SITES_PER_PAGE, total: 0 };
  if (!scoped.length) return { sites: [], page: empty };
  // the period in each site's local days (from its today unless asked), over `sites s`
  const from = sql`coalesce(${input.from ?? null}::date, (${now.toISOString()}::timestamptz at time zone s.time_zone)::date)`;
  const inPeriod = sql`sh.tenant_id = ${ctx.tenantId} and sh.site_id = s.id and sh.status = 'scheduled'
      and sh.local_date >= ${from} and sh.local_date < ${from} + ${input.days}::int`;
  const busy = input.siteId
    ? scoped
    : // one short index range per site (a shift's start lies within a day of its local date),
      // stopping at the first: ~0.25 s for 984 sites against ~1 s for a semi join over them all
      await rawRows<{ siteId: string }>(
        ctx.db,
        sql`with s as materialized (
            select s.id, s.time_zone, ${from} as from_day from sites s where s.id in ${ids(scoped.map((s) => s.id))})
          select s.id as "siteId" from s cross join lateral (
            select 1 from shifts sh where ${inPeriod}
              and sh.starts_at >= (s.from_day - 2)::timestamptz
              and sh.starts_at < (s.from_day + ${input.days + 2}::int)::timestamptz
            limit 1) x`,
      ).then((r) => {
        const has = new Set(r.map((x) => x.siteId));
        return scoped.filter((s) => has.has(s.id));
      });
  const { items: sites, page } = pageOf(
    busy,
    input.page ?? 1,
    input.perPage ?? BOARD_SITES_PER_PAGE,
  );
  if (!sites.length) return { sites: [], page };
  const rows = await rawRows<Raw & { localDate: string }>(
    ctx.db,
    sql`
    select ${SHIFT_COLUMNS}, sh.local_date as "localDate"
    from sites s
    join shifts sh on ${inPeriod}
    join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id
    where s.id in ${ids(sites.map((s) => s.id))}
    order by sh.starts_at, p.name`,
  );
  return {
    page,
    sites: sites.map((s) => {
      const from = input.from ?? localDay(s.timeZone, now);
      const compliance = tierIncludes(s.tier, "shiftCompliance");
      return {
        ...s,
        compliance,
        days: Array.from({ length: input.days }, (_, i) => addDays(from, i)),
        shifts: rows
          .filter((r) => r.siteId === s.id)
          .map((r) => {
            const row = toBoardRow(r, s.timeZone, now);
            return {
              ...row,
              localDate: String(r.localDate),
              hours: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 360_000) / 10,
              state: compliance ? row.state : null,
            };
          }),
      };
    }),
  };
}

/** Plain shift records in a period (any plan), for a site or guard in scope. */
export async function listShifts(
  ctx: ServiceCtx,
  input: { siteId?: string; guardId?: string; from: Date; to: Date; limit: number },
  now: Date,
) {
  requireActorCan(ctx, "shifts.view");
  if (input.to <= input.from) throw new ValidationError("to: The end comes before the start", "to");
  const sites = await scopedSites(ctx, input.siteId);
  if (!sites.length) return [];
  const zones = new Map(sites.map((s) => [s.id, s]));
  const rows = await rawRows<Raw>(
    ctx.db,
    sql`
    select ${SHIFT_COLUMNS}
    from shifts sh
    join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id
    where sh.tenant_id = ${ctx.tenantId} and sh.site_id in ${ids(sites.map((s) => s.id))}
      and sh.starts_at >= ${input.from.toISOString()}::timestamptz and sh.starts_at < ${input.to.toISOString()}::timestamptz
      ${input.guardId ? sql`and sh.guard_id = ${input.guardId}` : sql``}
    order by sh.starts_at, p.name
    limit ${input.limit}`,
  );
  return rows.map((r) => {
    const site = zones.get(r.siteId);
    return { ...toBoardRow(r, site?.timeZone ?? "UTC", now), siteName: site?.name ?? "" };
  });
}

/** One shift with its attendance and findings (the board's detail panel). */
export async function shiftDetail(ctx: ServiceCtx, id: string, now: Date) {
  requireActorCan(ctx, "shifts.view");
  const shift = await getShiftInTenant(ctx, id);
  const site = await shiftSite(ctx, shift.siteId);
  const [raw] = await rawRows<Raw>(
    ctx.db,
    sql`
    select ${SHIFT_COLUMNS} from shifts sh join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id where sh.id = ${id}`,
  );
  if (!raw) throw new ValidationError("id: no such shift", "id");
  const attendance = await ctx.db
    .select({
      id: schema.attendanceEvents.id,
      kind: schema.attendanceEvents.kind,
      method: schema.attendanceEvents.method,
      at: schema.attendanceEvents.at,
      verdict: schema.attendanceEvents.verdict,
      distanceM: schema.attendanceEvents.distanceM,
      accuracyM: schema.attendanceEvents.accuracyM,
      earlyMinutes: schema.attendanceEvents.earlyMinutes,
      note: schema.attendanceEvents.note,
    })
    .from(schema.attendanceEvents)
    .where(sql`${schema.attendanceEvents.shiftId} = ${id}`)
    .orderBy(schema.attendanceEvents.at);
  return {
    ...toBoardRow(raw, site.timeZone, now),
    siteName: site.name,
    clientName: site.clientName,
    timeZone: site.timeZone,
    compliance: tierIncludes(site.tier, "shiftCompliance"),
    attendance,
  };
}

/** A guard is a risk with this many no-shows, or late arrivals, in the last 30 days. */
