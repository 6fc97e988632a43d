import "server-only";
import { sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { tierIncludes } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { getShiftInTenant, shiftSite } from "./access";
import { SHIFT_COLUMNS, toBoardRow } from "./board";
import { addDays, localClock, localDay } from "./schedule";
import { complianceSites, scopedSites } from "./sites";
import { rawRows } from "@/server/db/raw";

const ids = (list: string[]) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb)::uuid)`;

type Raw = Parameters<typeof toBoardRow>[0];

/**
 * The 14-day schedule (the week view), per site in scope, by site-local day. The schedule is a
 * plain record: every plan sees it; states come with shift compliance.
 */
export async function shiftWeek(
  ctx: ServiceCtx,
  input: { siteId?: string; from?: string; days: number },
  now: Date,
) {
  requireActorCan(ctx, "shifts.view");
  const sites = await scopedSites(ctx, input.siteId);
  if (!sites.length) return { sites: [] };
  const rows = await rawRows<Raw & { localDate: string }>(
    ctx.db,
    sql`
    select ${SHIFT_COLUMNS}, sh.local_date as "localDate"
    from sites s
    join shifts sh on sh.tenant_id = ${ctx.tenantId} and sh.site_id = s.id and sh.status = 'scheduled'
      and sh.local_date >= coalesce(${input.from ?? null}::date, (${now.toISOString()}::timestamptz at time zone s.time_zone)::date)
      and sh.local_date < coalesce(${input.from ?? null}::date, (${now.toISOString()}::timestamptz at time zone s.time_zone)::date) + ${input.days}::int
    join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id
    where s.id in ${ids(sites.map((s) => s.id))}
    order by sh.starts_at, p.name`,
  );
  return {
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
const RISK = { noShows: 1, lates: 3 };
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * Coverage risk for the next 24 hours, per post (shifts.md): open shifts (nobody assigned),
 * unconfirmed ones, guards with no-shows or late arrivals in the last 30 days, and back-to-back
 * shifts (less than an hour between a guard's shifts). Silver and up.
 */
export async function coverageRisk(ctx: ServiceCtx, input: { siteId?: string }, now: Date) {
  const sites = await complianceSites(ctx, input.siteId);
  if (!sites.length) return { posts: [] };
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await rawRows<{
    id: string;
    siteId: string;
    siteName: string;
    postId: string;
    postName: string;
    startsAt: string;
    guardId: string | null;
    guardName: string | null;
    open: boolean;
    unconfirmed: boolean;
    noShows: number;
    lates: number;
    backToBack: boolean;
  }>(
    ctx.db,
    sql`
    select sh.id, sh.site_id as "siteId", s.name as "siteName", sh.post_id as "postId", p.name as "postName",
      sh.starts_at as "startsAt", sh.guard_id as "guardId", u.name as "guardName",
      sh.guard_id is null as open,
      sh.guard_id is not null and sh.confirmed_at is null as unconfirmed,
      (select count(*)::int from shift_findings f join shifts o on o.id = f.shift_id
        where o.guard_id = sh.guard_id and f.tenant_id = sh.tenant_id and f.kind = 'NO_SHOW'
          and f.detected_at > ${at} - make_interval(days => ${SHIFT_RULES.historyDays})) as "noShows",
      (select count(*)::int from shift_findings f join shifts o on o.id = f.shift_id
        where o.guard_id = sh.guard_id and f.tenant_id = sh.tenant_id and f.kind = 'LATE'
          and f.detected_at > ${at} - make_interval(days => ${SHIFT_RULES.historyDays})) as "lates",
      exists (select 1 from shifts o where o.guard_id = sh.guard_id and o.id <> sh.id and o.status = 'scheduled'
        and o.starts_at < sh.ends_at + make_interval(mins => ${SHIFT_RULES.backToBackMinutes})
        and o.ends_at > sh.starts_at - make_interval(mins => ${SHIFT_RULES.backToBackMinutes})) as "backToBack"
    from shifts sh
    join sites s on s.id = sh.site_id
    join posts p on p.id = sh.post_id
    left join users u on u.id = sh.guard_id
    where sh.tenant_id = ${ctx.tenantId} and sh.site_id in ${ids(sites.map((s) => s.id))}
      and sh.status = 'scheduled' and sh.excused_at is null
      and sh.starts_at > ${at} and sh.starts_at <= ${at} + interval '24 hours'
    order by sh.starts_at`,
  );
  const posts = new Map<
    string,
    {
      postId: string;
      postName: string;
      siteId: string;
      siteName: string;
      level: "high" | "medium" | "low";
      shifts: { id: string; startsAt: Date; guardName: string | null; reasons: string[] }[];
    }
  >();
  for (const r of rows) {
    const reasons: string[] = [];
    if (r.open) reasons.push("Nobody assigned");
    if (r.unconfirmed) reasons.push("Not confirmed by the guard");
    const unreliable = r.noShows >= RISK.noShows || r.lates >= RISK.lates;
    if (unreliable)
      reasons.push(
        `${r.guardName ?? "The guard"}: ${plural(r.noShows, "no-show")} and ${plural(r.lates, "late arrival")} in ${SHIFT_RULES.historyDays} days`,
      );
    if (r.backToBack) reasons.push("Back to back with another shift");
    const level = r.open
      ? "high"
      : unreliable || r.backToBack
        ? "medium"
        : reasons.length
          ? "low"
          : null;
    const post = posts.get(r.postId) ?? {
      postId: r.postId,
      postName: r.postName,
      siteId: r.siteId,
      siteName: r.siteName,
      level: "low" as const,
      shifts: [],
    };
    if (!level) {
      posts.set(r.postId, post);
      continue;
    }
    post.shifts.push({ id: r.id, startsAt: new Date(r.startsAt), guardName: r.guardName, reasons });
    const rank = { low: 0, medium: 1, high: 2 };
    if (post.shifts.length === 1 || rank[level] > rank[post.level]) post.level = level;
    posts.set(r.postId, post);
  }
  return {
    posts: [...posts.values()]
      .filter((p) => p.shifts.length)
      .sort(
        (a, b) =>
          ({ low: 0, medium: 1, high: 2 })[b.level] - { low: 0, medium: 1, high: 2 }[a.level],
      ),
  };
}

/**
 * Compliance over the last `days`, per site and per guard: of the shifts that ended (excused
 * and cancelled ones left out), the share with an on-time check-in at the right place and no
 * finding; and the no-show rate. Silver and up.
 */
export async function complianceFigures(
  ctx: ServiceCtx,
  input: { siteId?: string; days: number },
  now: Date,
) {
  const sites = await complianceSites(ctx, input.siteId);
  if (!sites.length) return { sites: [], guards: [] };
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await rawRows<{
    by_guard: number;
    siteId: string | null;
    guardId: string | null;
    shifts: number;
    compliant: number;
    noShows: number;
    late: number;
    wrongSite: number;
  }>(
    ctx.db,
    sql`
    with done as (
      select sh.id, sh.site_id, sh.guard_id,
        bool_or(f.kind = 'NO_SHOW') as no_show, bool_or(f.kind = 'LATE') as late,
        bool_or(f.kind = 'WRONG_SITE') as wrong_site, sh.checked_in_at is not null as attended
      from shifts sh
      left join shift_findings f on f.shift_id = sh.id
      where sh.tenant_id = ${ctx.tenantId} and sh.site_id in ${ids(sites.map((s) => s.id))}
        and sh.status = 'scheduled' and sh.excused_at is null
        and sh.ends_at <= ${at} and sh.ends_at > ${at} - make_interval(days => ${input.days})
      group by sh.id
    )
    select grouping(site_id) as by_guard, site_id as "siteId", guard_id as "guardId",
      count(*)::int as shifts,
      count(*) filter (where attended and not coalesce(late, false) and not coalesce(wrong_site, false) and not coalesce(no_show, false))::int as compliant,
      count(*) filter (where no_show or not attended)::int as "noShows",
      count(*) filter (where late)::int as late,
      count(*) filter (where wrong_site)::int as "wrongSite"
    from done
    group by grouping sets ((site_id), (guard_id))`,
  );
  const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);
  const figures = (r: (typeof rows)[number]) => ({
    shifts: r.shifts,
    compliant: r.compliant,
    compliancePct: pct(r.compliant, r.shifts),
    noShows: r.noShows,
    noShowRatePct: pct(r.noShows, r.shifts),
    late: r.late,
    wrongSite: r.wrongSite,
  });
  const guardIds = rows.filter((r) => r.by_guard === 1 && r.guardId).map((r) => r.guardId ?? "");
  const names = guardIds.length
    ? new Map(
        (
          await ctx.db
            .select({ id: schema.users.id, name: schema.users.name })
            .from(schema.users)
            .where(sql`${schema.users.id} in ${ids(guardIds)}`)
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  return {
    days: input.days,
    sites: sites.map((s) => {
      const r = rows.find((x) => x.by_guard === 0 && x.siteId === s.id);
      return {
        siteId: s.id,
        siteName: s.name,
        ...(r
          ? figures(r)
          : figures({
              by_guard: 0,
              siteId: s.id,
              guardId: null,
              shifts: 0,
              compliant: 0,
              noShows: 0,
              late: 0,
              wrongSite: 0,
            })),
      };
    }),
    guards: rows
      .filter((r) => r.by_guard === 1)
      .map((r) => ({
        guardId: r.guardId,
        guardName: r.guardId ? (names.get(r.guardId) ?? "") : "Nobody assigned",
        ...figures(r),
      }))
      .sort((a, b) => (a.compliancePct ?? 0) - (b.compliancePct ?? 0)),
  };
}

const CSV_MAX_ROWS = 50_000;

function csvCell(v: unknown): string {
  const s = v == null ? "" : String(v);
  // a leading =, +, - or @ would be read as a formula by a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A month of shifts as CSV (site-local days), for payroll or the client: a plain record, for
 * every plan. Refuses more than 50,000 rows (choose a site).
 */
export async function exportShiftsCsv(
  ctx: ServiceCtx,
  input: { month: string; siteId?: string },
  now: Date,
): Promise<{ filename: string; csv: string; rows: number }> {
  requireActorCan(ctx, "shifts.view");
  const sites = await scopedSites(ctx, input.siteId);
  const from = `${input.month}-01`;
  const [y = 0, m = 1] = input.month.split("-").map(Number);
  const to = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const rows = sites.length
    ? await rawRows<Raw & { localDate: string }>(
        ctx.db,
        sql`
        select ${SHIFT_COLUMNS}, sh.local_date as "localDate"
        from shifts sh
        join posts p on p.id = sh.post_id
        left join users u on u.id = sh.guard_id
        where sh.tenant_id = ${ctx.tenantId} and sh.site_id in ${ids(sites.map((s) => s.id))}
          and sh.status = 'scheduled' and sh.local_date >= ${from}::date and sh.local_date < ${to}::date
        order by sh.local_date, sh.site_id, sh.starts_at
        limit ${CSV_MAX_ROWS + 1}`,
      )
    : [];
  if (rows.length > CSV_MAX_ROWS)
    throw new ValidationError(
      `siteId: ${input.month} has more than ${CSV_MAX_ROWS.toLocaleString("en")} shifts; export one site at a time`,
      "siteId",
    );
  const bySite = new Map(sites.map((s) => [s.id, s]));
  const header = [
    "date",
    "client",
    "site",
    "post",
    "guard",
    "start",
    "end",
    "hours",
    "state",
    "checked_in",
    "checked_out",
    "distance_m",
    "findings",
    "excuse",
    "time_zone",
  ];
  const lines = [header.join(",")];
  for (const r of rows) {
    const site = bySite.get(r.siteId);
    if (!site) continue;
    const b = toBoardRow(r, site.timeZone, now);
    const compliance = tierIncludes(site.tier, "shiftCompliance");
    lines.push(
      [
        String(r.localDate),
        site.clientName,
        site.name,
        b.postName,
        b.guardName ?? "",
        b.localStart,
        b.localEnd,
        ((b.endsAt.getTime() - b.startsAt.getTime()) / 3_600_000).toFixed(2),
        compliance ? b.state : "",
        b.checkedInLocal ?? "",
        b.checkedOutAt ? localClock(site.timeZone, b.checkedOutAt) : "",
        b.distanceM ?? "",
        b.findings.map((f) => f.kind).join(" "),
        b.excuseReason ?? "",
        site.timeZone,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  const where = input.siteId ? (sites[0]?.name ?? "site") : "all-sites";
  return {
    filename: `shifts-${input.month}-${where.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv`,
    csv: `${lines.join("\r\n")}\r\n`,
    rows: rows.length,
  };
}
