import "server-only";
import {
  type AnyColumn,
  aliasedTable,
  and,
  asc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  sql,
} from "drizzle-orm";
import type { AlertStatus, AlertType, Severity } from "@/lib/noc";
import { type DbOrTx, schema } from "@/server/db";
import { queueRankSql } from "@/server/db/schema/noc";
import type { ServiceCtx } from "../_core/context";
import { likePattern } from "../_core/like";
import { shareInFlight, staleWhileRevalidate } from "../_core/memo";
import { type AlertViewer, alertViewer, viewerCondition, viewerKey } from "./access";
import { overdueToAcknowledge } from "./overdue";

const { alerts, sites, clients, users, groups } = schema;
const assignee = aliasedTable(users, "assignee");

export type QueueFilters = {
  status?: AlertStatus;
  type?: AlertType;
  severity?: Severity;
  clientId?: string;
  siteId?: string;
  groupId?: string;
  mine?: boolean;
  suppressed?: boolean;
  escalated?: boolean;
  overdue?: boolean;
  q?: string;
  limit: number;
};

/**
 * What each queue row shows, plus what the browser needs to tell whether a row pushed over
 * the live stream belongs in a filtered view (client, group, assignee).
 */
const queueRow = {
  id: alerts.id,
  type: alerts.type,
  severity: alerts.severity,
  title: alerts.title,
  status: alerts.status,
  score: alerts.score,
  scoredBy: alerts.scoredBy,
  occurrences: alerts.occurrenceCount,
  firstSeenAt: alerts.firstSeenAt,
  lastSeenAt: alerts.lastSeenAt,
  acknowledgedAt: alerts.acknowledgedAt,
  escalated: alerts.escalated,
  suppressed: sql<boolean>`${alerts.suppressedByWindowId} is not null`,
  clientId: alerts.clientId,
  siteId: alerts.siteId,
  siteName: sites.name,
  clientName: clients.name,
  assignedUserId: alerts.assignedUserId,
  assigneeName: assignee.name,
  assignedGroupId: alerts.assignedGroupId,
  groupName: groups.name,
};

const queueRows = (db: DbOrTx) =>
  db
    .select(queueRow)
    .from(alerts)
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .leftJoin(assignee, eq(assignee.id, alerts.assignedUserId))
    .leftJoin(groups, eq(groups.id, alerts.assignedGroupId));

export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

/**
 * Title or description (the trigram index over open alerts), or the site's name. The few
 * matching sites are looked up first: as a literal list the planner can still use the
 * trigram index, where an OR with a subquery makes it walk the whole queue.
 */
async function searchMatches(ctx: ServiceCtx, q: string) {
  const pattern = likePattern(q);
  const text = sql`(${alerts.title} || ' ' || ${alerts.description}) ilike ${pattern}`;
  const matchingSites = await ctx.db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.tenantId, ctx.tenantId), sql`${sites.name} ilike ${pattern}`));
  return matchingSites.length
    ? or(
        text,
        inArray(
          alerts.siteId,
          matchingSites.map((s) => s.id),
        ),
      )
    : text;
}

/**
 * The open queue, by rank (lib/noc.ts, queueRank) then age, with what each row shows; `now`
 * decides which alerts are overdue to acknowledge (the `overdue` filter).
 */
export async function listQueue(ctx: ServiceCtx, f: QueueFilters, now: Date) {
  const visible = viewerCondition(await alertViewer(ctx));
  const me = ctx.actor.type === "user" ? ctx.actor.userId : null;
  const q = f.q?.trim();
  return queueRows(ctx.db)
    .where(
      and(
        eq(alerts.tenantId, ctx.tenantId),
        visible,
        f.status ? eq(alerts.status, f.status) : ne(alerts.status, "resolved"),
        f.suppressed ? isNotNull(alerts.suppressedByWindowId) : isNull(alerts.suppressedByWindowId),
        f.type ? eq(alerts.type, f.type) : undefined,
        f.severity ? eq(alerts.severity, f.severity) : undefined,
        f.clientId ? eq(alerts.clientId, f.clientId) : undefined,
        f.siteId ? eq(alerts.siteId, f.siteId) : undefined,
        f.groupId ? eq(alerts.assignedGroupId, f.groupId) : undefined,
        f.mine && me ? eq(alerts.assignedUserId, me) : undefined,
        f.escalated ? eq(alerts.escalated, true) : undefined,
        f.overdue ? overdueToAcknowledge(now) : undefined,
        q ? await searchMatches(ctx, q) : undefined,
      ),
    )
    .orderBy(sql`${queueRankSql} desc`, asc(alerts.firstSeenAt))
    .limit(f.limit);
}

/**
 * Queue rows of some alerts of a tenant, whatever their state, for the live stream (which
 * filters them per viewer). No visibility check here: the caller holds no user.
 */
export function queueRowsByIds(db: DbOrTx, tenantId: string, ids: string[]) {
  return ids.length
    ? queueRows(db).where(and(eq(alerts.tenantId, tenantId), inArray(alerts.id, ids)))
    : Promise.resolve([] as QueueRow[]);
}

export type OpenCount = { severity: Severity; groupId: string | null; n: number };

/**
 * Open alerts in the queue (not suppressed) by severity and group: summed over the groups a
 * viewer sees, the header's counts. One index-only query serves every viewer of a tenant.
 */
export function openCountsByGroup(db: DbOrTx, tenantId: string): Promise<OpenCount[]> {
  return db
    .select({
      severity: alerts.severity,
      groupId: alerts.assignedGroupId,
      n: sql<number>`count(*)::int`,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        ne(alerts.status, "resolved"),
        isNull(alerts.suppressedByWindowId),
      ),
    )
    .groupBy(alerts.severity, alerts.assignedGroupId);
}

/** The header's counts for one viewer, from openCountsByGroup. */
export function openCountsFor(viewer: AlertViewer, counts: OpenCount[]) {
  const groups = viewer.all ? null : new Set(viewer.groupIds);
  const open: Partial<Record<Severity, number>> = {};
  for (const c of counts) {
    if (groups && (c.groupId === null || !groups.has(c.groupId))) continue;
    open[c.severity] = (open[c.severity] ?? 0) + c.n;
  }
  return open;
}

/**
 * MTTA/MTTR move slowly; every open page and every live push asks for them, so they are
 * shared for this long, then refreshed in the background while callers get the last value
 * (a push never waits for them), up to QUEUE_TIMING_MAX_STALE_MS old. At 70,000 open alerts
 * one read takes about 460 ms: every 10 s that was 3 % of a core for figures in minutes.
 */
export const QUEUE_TIMING_TTL_MS = 60_000;
const QUEUE_TIMING_MAX_STALE_MS = 120_000;
const timingMemo = staleWhileRevalidate<QueueTiming>(
  QUEUE_TIMING_TTL_MS,
  QUEUE_TIMING_MAX_STALE_MS,
);
export type QueueTiming = {
  mttaToday: number | null;
  mtta7d: number | null;
  mttrToday: number | null;
  mttr7d: number | null;
  /** share (0–1) of the 7 days' resolved alerts resolved automatically (resolution `auto`) */
  autoResolved7d: number | null;
  /** mean minutes to resolve over 7 days, alerts with a playbook run vs without one */
  mttr7dWithPlaybook: number | null;
  mttr7dWithoutPlaybook: number | null;
};

/** Mean minutes to acknowledge and to resolve, of alerts first seen today and in 7 days. */
export async function queueTiming(
  db: DbOrTx,
  tenantId: string,
  viewer: AlertViewer,
  now: Date,
): Promise<QueueTiming> {
  const minutes = (end: AnyColumn, today: boolean) =>
    today
      ? sql<
          number | null
        >`avg(extract(epoch from ${end} - ${alerts.firstSeenAt}) / 60) filter (where ${alerts.firstSeenAt} >= date_trunc('day', ${now.toISOString()}::timestamptz))`
      : sql<number | null>`avg(extract(epoch from ${end} - ${alerts.firstSeenAt}) / 60)`;
  const [t] = await db
    .select({
      mttaToday: minutes(alerts.acknowledgedAt, true),
      mtta7d: minutes(alerts.acknowledgedAt, false),
      mttrToday: minutes(alerts.resolvedAt, true),
      mttr7d: minutes(alerts.resolvedAt, false),
      autoResolved7d: sql<
        number | null
      >`(count(*) filter (where ${alerts.resolution} = 'auto'))::float / nullif(count(${alerts.resolvedAt}), 0)`,
      mttrWith: sql<
        number | null
      >`avg(extract(epoch from ${alerts.resolvedAt} - ${alerts.firstSeenAt}) / 60) filter (where ${withRun(tenantId)})`,
      mttrWithout: sql<
        number | null
      >`avg(extract(epoch from ${alerts.resolvedAt} - ${alerts.firstSeenAt}) / 60) filter (where not ${withRun(tenantId)})`,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        viewerCondition(viewer),
        gte(alerts.firstSeenAt, sql`${now.toISOString()}::timestamptz - interval '7 days'`),
      ),
    );
  const num = (v: unknown) =>
    v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
  return {
    mttaToday: num(t?.mttaToday),
    mtta7d: num(t?.mtta7d),
    mttrToday: num(t?.mttrToday),
    mttr7d: num(t?.mttr7d),
    autoResolved7d:
      t?.autoResolved7d === null || t?.autoResolved7d === undefined
        ? null
        : Math.round(Number(t.autoResolved7d) * 1000) / 1000,
    mttr7dWithPlaybook: num(t?.mttrWith),
    mttr7dWithoutPlaybook: num(t?.mttrWithout),
  };
}

/**
 * The alert had a playbook run (one that started: guardrail skips do not count). Not
 * correlated, so PostgreSQL hashes the tenant's runs once instead of probing them for each
 * of the week's alerts, twice.
 */
const withRun = (tenantId: string) => sql`${alerts.id} in (select pr.alert_id from playbook_runs pr
  where pr.tenant_id = ${tenantId} and pr.status <> 'skipped_guardrail')`;

/** queueTiming, shared among the tenant's viewers who see the same alerts (stale-while-revalidate). */
export function sharedQueueTiming(
  db: DbOrTx,
  tenantId: string,
  viewer: AlertViewer,
  now: Date,
): Promise<QueueTiming> {
  return timingMemo(`${tenantId}:${viewerKey(viewer)}`, () =>
    queueTiming(db, tenantId, viewer, now),
  );
}

export type QueueStats = { open: Partial<Record<Severity, number>> } & QueueTiming;

const countsInFlight = shareInFlight<OpenCount[]>();

/**
 * The header: open alerts by severity (live), and how fast they were acknowledged and
 * resolved (minutes; shared among the tenant's viewers for QUEUE_TIMING_TTL_MS).
 */
export async function queueStats(ctx: ServiceCtx, now: Date): Promise<QueueStats> {
  const viewer = await alertViewer(ctx);
  const [counts, timing] = await Promise.all([
    // 200 pages opening at once read the counts (136 ms at 70,000 open alerts) a few times,
    // not 200
    countsInFlight(ctx.tenantId, () => openCountsByGroup(ctx.db, ctx.tenantId)),
    sharedQueueTiming(ctx.db, ctx.tenantId, viewer, now),
  ]);
  return { open: openCountsFor(viewer, counts), ...timing };
}
