import "server-only";
import { sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { complianceSites } from "./sites";
import { rawRows } from "@/server/db/raw";
import { uuidIn as ids } from "@/server/db/sql-literals";

/** The board's figures: the 24 h coverage risk per post, and 30-day compliance per site and guard. */

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
