import {
  aliasedTable,
  and,
  asc,
  desc,
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
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { listEntityTimeline } from "../audit/list";
import { alertVisibility, getAlertInTenant } from "./access";
import { siteFalseAlarmRate } from "./false-alarms";

const { alerts, sites, clients, users, groups, alertComments, tickets } = schema;
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
  q?: string;
  limit: number;
};

/** Escapes LIKE's wildcards so a search for "50%" means those characters. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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

/** The open queue, by score then age, with what each row shows; filters as on the page. */
export async function listQueue(ctx: ServiceCtx, f: QueueFilters) {
  const visible = await alertVisibility(ctx);
  const me = ctx.actor.type === "user" ? ctx.actor.userId : null;
  const q = f.q?.trim();
  return ctx.db
    .select({
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
      suppressed: isNotNull(alerts.suppressedByWindowId),
      siteId: alerts.siteId,
      siteName: sites.name,
      clientName: clients.name,
      assigneeName: assignee.name,
      groupName: groups.name,
    })
    .from(alerts)
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .leftJoin(assignee, eq(assignee.id, alerts.assignedUserId))
    .leftJoin(groups, eq(groups.id, alerts.assignedGroupId))
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
        q ? await searchMatches(ctx, q) : undefined,
      ),
    )
    .orderBy(sql`${alerts.score} desc nulls first`, asc(alerts.firstSeenAt))
    .limit(f.limit);
}

/** Open alerts by severity, and how fast they were acknowledged and resolved (minutes). */
export async function queueStats(ctx: ServiceCtx) {
  const visible = await alertVisibility(ctx);
  const base = and(eq(alerts.tenantId, ctx.tenantId), visible);
  const [bySeverity, timing] = await Promise.all([
    ctx.db
      .select({ severity: alerts.severity, n: sql<number>`count(*)::int` })
      .from(alerts)
      .where(and(base, ne(alerts.status, "resolved"), isNull(alerts.suppressedByWindowId)))
      .groupBy(alerts.severity),
    ctx.db
      .select({
        mttaToday: sql<
          number | null
        >`avg(extract(epoch from ${alerts.acknowledgedAt} - ${alerts.firstSeenAt}) / 60) filter (where ${alerts.firstSeenAt} >= date_trunc('day', now()))`,
        mtta7d: sql<
          number | null
        >`avg(extract(epoch from ${alerts.acknowledgedAt} - ${alerts.firstSeenAt}) / 60)`,
        mttrToday: sql<
          number | null
        >`avg(extract(epoch from ${alerts.resolvedAt} - ${alerts.firstSeenAt}) / 60) filter (where ${alerts.firstSeenAt} >= date_trunc('day', now()))`,
        mttr7d: sql<
          number | null
        >`avg(extract(epoch from ${alerts.resolvedAt} - ${alerts.firstSeenAt}) / 60)`,
      })
      .from(alerts)
      .where(and(base, gte(alerts.firstSeenAt, sql`now() - interval '7 days'`))),
  ]);
  const t = timing[0];
  const num = (v: unknown) =>
    v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
  return {
    open: Object.fromEntries(bySeverity.map((r) => [r.severity, r.n])) as Partial<
      Record<Severity, number>
    >,
    mttaToday: num(t?.mttaToday),
    mtta7d: num(t?.mtta7d),
    mttrToday: num(t?.mttrToday),
    mttr7d: num(t?.mttr7d),
  };
}

/** An alert with its explanation, comments, timeline and related alerts at the site. */
export async function getAlertDetail(ctx: ServiceCtx, id: string) {
  const a = await getAlertInTenant(ctx, id);
  const visible = await alertVisibility(ctx);
  const [site] = await ctx.db
    .select({
      name: sites.name,
      timeZone: sites.timeZone,
      criticality: sites.criticality,
      client: clients.name,
      tier: clients.tier,
    })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(eq(sites.id, a.siteId));
  const [comments, timeline, related, falseAlarm, ticket] = await Promise.all([
    ctx.db
      .select({
        id: alertComments.id,
        body: alertComments.body,
        createdAt: alertComments.createdAt,
        author: users.name,
      })
      .from(alertComments)
      .leftJoin(users, eq(users.id, alertComments.userId))
      .where(eq(alertComments.alertId, a.id))
      .orderBy(asc(alertComments.createdAt)),
    listEntityTimeline(ctx, { entityType: "alert", entityId: a.id }),
    ctx.db
      .select({
        id: alerts.id,
        type: alerts.type,
        title: alerts.title,
        status: alerts.status,
        score: alerts.score,
        lastSeenAt: alerts.lastSeenAt,
      })
      .from(alerts)
      .where(
        and(
          eq(alerts.tenantId, ctx.tenantId),
          visible,
          eq(alerts.siteId, a.siteId),
          ne(alerts.id, a.id),
          gte(alerts.lastSeenAt, sql`now() - interval '24 hours'`),
        ),
      )
      .orderBy(desc(alerts.lastSeenAt))
      .limit(10),
    siteFalseAlarmRate(ctx, a.siteId, visible),
    // the ticket an SLA alert came from
    a.ticketId
      ? ctx.db
          .select({
            id: tickets.id,
            number: tickets.number,
            title: tickets.title,
            status: tickets.status,
            priority: tickets.priority,
            probability: tickets.breachProbability,
            dueAt: tickets.resolutionDueAt,
          })
          .from(tickets)
          .where(and(eq(tickets.id, a.ticketId), eq(tickets.tenantId, ctx.tenantId)))
          .then((rows) => rows[0] ?? null)
      : null,
  ]);
  return { ...a, site, comments, timeline, related, falseAlarm, ticket };
}
