import "server-only";
import { aliasedTable, and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { rolesWith } from "@/lib/permissions";
import {
  RISK_SORT_DEFAULT_DIR,
  type RiskSortKey,
  type SlaFilters,
  type SortDir,
} from "@/lib/schemas/sla";
import { OPEN_TICKET_STATUSES, SLA_RULES } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { listEntityTimeline } from "../audit/list";
import type { ServiceCtx } from "../_core/context";
import { siteScopeFilter } from "../_core/scope";
import { requireFeature, requireSiteFeature } from "../tiers/feature-gate";
import { clocksFor } from "./clock-store";
import { factorsAt } from "./risk";
import { getTicketInTenant } from "./tickets";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";

const {
  tickets,
  sites,
  clients,
  users,
  ticketComments,
  ticketStatusChanges,
  ticketPredictions,
  ticketEscalations,
  slaPolicies,
  slaPredictionRuns,
} = schema;
const assignee = aliasedTable(users, "assignee");

const eligibleClient = () => inArray(clients.tier, tiersWith("slaBreachPrevention"));

/**
 * The risk list's ORDER BY, each led by a column an open-tickets index starts with (after the
 * tenant), so a LIMIT reads the index in order instead of sorting every open ticket; the id
 * last makes the order total. Without a choice the running tickets go riskiest first and the
 * breached ones longest overdue first.
 */
export function riskOrder(sort: RiskSortKey = "risk", dir?: SortDir): SQL[] {
  const d = dir ?? RISK_SORT_DEFAULT_DIR[sort];
  const way = sql.raw(d);
  const due = sql`${tickets.resolutionDueAt} asc nulls last`;
  switch (sort) {
    case "risk": // tickets_open_risk_idx
      return [sql`${tickets.breachProbability} ${way} nulls last`, due, asc(tickets.id)];
    case "timeLeft": // tickets_open_due_idx
      return [sql`${tickets.resolutionDueAt} ${way} nulls last`, asc(tickets.id)];
    case "priority": // tickets_open_priority_due_idx (P1 sorts first: the enum's order)
      return [sql`${tickets.priority} ${way}`, due, asc(tickets.id)];
    case "age": // tickets_tenant_id_created_at_open_idx: the oldest is the most aged
      return [sql`${tickets.createdAt} ${sql.raw(d === "desc" ? "asc" : "desc")}`, asc(tickets.id)];
  }
}

/**
 * Open tickets of eligible clients in the actor's scope: those not breached by `now` (most at
 * risk first, or by `sort`), then those already past their resolution target (up to `limit`
 * of each). Whether
 * a ticket is breached and the time-dependent reasons ("80% of the SLA used", "10 min left")
 * are worked out from its clock at `now`, not read as they were when it was scored. Narrowed to
 * one client or site whose plan lacks breach prevention, it refuses naming the tier.
 */
export async function listRiskQueue(ctx: ServiceCtx, f: SlaFilters & { limit: number }, now: Date) {
  if (f.clientId) await requireFeature(ctx, f.clientId, "slaBreachPrevention");
  if (f.siteId) await requireSiteFeature(ctx, f.siteId, "slaBreachPrevention");
  // as stored: breached at scoring, or a running clock past its due time since
  const pastDue = sql`(${tickets.resolutionBreached} or (${tickets.pausedSince} is null
    and ${tickets.resolutionDueAt} <= ${now.toISOString()}::timestamptz))`;
  const select = () =>
    ctx.db
      .select({
        id: tickets.id,
        number: tickets.number,
        title: tickets.title,
        priority: tickets.priority,
        status: tickets.status,
        category: tickets.category,
        probability: tickets.breachProbability,
        factors: tickets.riskFactors,
        scoredBy: tickets.scoredBy,
        predictedAt: tickets.predictedAt,
        dueAt: tickets.resolutionDueAt,
        responseDueAt: tickets.responseDueAt,
        firstResponseAt: tickets.firstResponseAt,
        pausedSince: tickets.pausedSince,
        escalationLevel: tickets.escalationLevel,
        createdAt: tickets.createdAt,
        assigneeId: tickets.assigneeId,
        siteName: sites.name,
        timeZone: sites.timeZone,
        clientName: clients.name,
        assigneeName: assignee.name,
      })
      .from(tickets)
      .innerJoin(sites, eq(sites.id, tickets.siteId))
      .innerJoin(clients, eq(clients.id, tickets.clientId))
      .leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
  const where = and(
    eq(tickets.tenantId, ctx.tenantId),
    inArray(tickets.status, [...OPEN_TICKET_STATUSES]),
    eligibleClient(),
    siteScopeFilter(ctx, tickets.siteId),
    f.clientId ? eq(tickets.clientId, f.clientId) : undefined,
    f.siteId ? eq(tickets.siteId, f.siteId) : undefined,
    f.priority ? eq(tickets.priority, f.priority) : undefined,
    f.minProbability !== undefined ? gte(tickets.breachProbability, f.minProbability) : undefined,
  );
  // both groups sorted by the chosen column in SQL, each up to the limit (riskOrder)
  const order = riskOrder(f.sort, f.dir);
  // `state` keeps one group: at risk (running, at or over the alert line) or breached
  const atRisk = gte(tickets.breachProbability, SLA_RULES.alertAt);
  const [running, past] = await Promise.all([
    f.state === "breached"
      ? []
      : select()
          .where(and(where, sql`not ${pastDue}`, f.state === "at-risk" ? atRisk : undefined))
          .orderBy(...order)
          .limit(f.limit),
    f.state === "at-risk"
      ? []
      : select()
          .where(and(where, pastDue))
          .orderBy(...(f.sort ? order : [asc(tickets.resolutionDueAt), asc(tickets.id)]))
          .limit(f.limit),
  ]);
  const rows = [...running, ...past];
  const clocks = await clocksFor(
    ctx,
    rows.map((r) => r.id),
    now,
  );
  const out = rows.map(({ assigneeId, ...r }) => {
    const c = clocks.get(r.id)?.resolution;
    const breached = c ? c.breached : r.dueAt !== null && !r.pausedSince && r.dueAt <= now;
    return {
      ...r,
      dueAt: c?.dueAt ?? r.dueAt,
      breached,
      factors: r.factors
        ? factorsAt(r.factors, {
            fractionUsed: c?.fractionUsed ?? null,
            remainingMinutes: c?.remainingMinutes ?? null,
            breached,
            paused: c?.paused ?? r.pausedSince !== null,
            responded: r.firstResponseAt !== null && r.firstResponseAt <= now,
            assigned: assigneeId !== null,
          })
        : null,
    };
  });
  // a stale stored due time can put a ticket in the wrong group: the clock at `now` decides
  return [
    ...(f.state === "breached" ? [] : out.filter((r) => !r.breached)),
    ...(f.state === "at-risk" ? [] : out.filter((r) => r.breached)),
  ];
}

/**
 * Header counts of the SLA page in the actor's scope, at `now`: open tickets of eligible
 * clients, how many are scored, at risk (≥ the alert threshold, not yet breached) and
 * already breached. Read from the tickets, not the run's tenant-wide summary.
 */
export async function slaCounts(ctx: ServiceCtx, now: Date) {
  const pastDue = sql`(${tickets.resolutionBreached} or (${tickets.pausedSince} is null
    and ${tickets.resolutionDueAt} <= ${now.toISOString()}::timestamptz))`;
  const [row] = await ctx.db
    .select({
      open: sql<number>`count(*)::int`,
      scored: sql<number>`count(${tickets.breachProbability})::int`,
      atRisk: sql<number>`(count(*) filter (where not ${pastDue}
        and ${tickets.breachProbability} >= ${SLA_RULES.alertAt}))::int`,
      breached: sql<number>`(count(*) filter (where ${pastDue}))::int`,
    })
    .from(tickets)
    .innerJoin(clients, eq(clients.id, tickets.clientId))
    .where(
      and(
        eq(tickets.tenantId, ctx.tenantId),
        inArray(tickets.status, [...OPEN_TICKET_STATUSES]),
        eligibleClient(),
        siteScopeFilter(ctx, tickets.siteId),
      ),
    );
  return row ?? { open: 0, scored: 0, atRisk: 0, breached: 0 };
}

const scopeSql = (ctx: ServiceCtx) => {
  const f = siteScopeFilter(ctx, tickets.siteId);
  return f ? sql`and ${f}` : sql``;
};

/** The page's charts, over the tenant's eligible clients in the actor's scope (30 days). */
export async function slaCharts(ctx: ServiceCtx, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const tiers = JSON.stringify(tiersWith("slaBreachPrevention"));
  const eligible = sql`tickets.client_id in (select id from clients where tenant_id = ${ctx.tenantId}
    and tier in (select jsonb_array_elements_text(${tiers}::jsonb)::tier))`;
  const [distribution, daily, perClient, escalations, calibration, lastRun, counts] =
    await Promise.all([
      rawRows<{ bin: number; n: number }>(
        ctx.db,
        sql`
      select least(floor(coalesce(breach_probability, 0) * 10), 9)::int as bin, count(*)::int as n
      from tickets where tenant_id = ${ctx.tenantId}
        and status in ${OPEN_TICKET_STATUS_LIST} and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
      ),
      rawRows<{ day: string; breaches: number; resolved: number; metPct: number | null }>(
        ctx.db,
        sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      )
      select to_char(days.day, 'YYYY-MM-DD') as day,
        count(tickets.id) filter (where tickets.resolution_breached)::int as breaches,
        count(tickets.id)::int as resolved,
        round(100.0 * count(tickets.id) filter (where not tickets.resolution_breached) / nullif(count(tickets.id), 0), 1)::float8 as "metPct"
      from days left join tickets on tickets.tenant_id = ${ctx.tenantId}
        and tickets.resolved_at >= days.day and tickets.resolved_at < days.day + interval '1 day'
        and ${eligible} ${scopeSql(ctx)}
      group by days.day order by days.day`,
      ),
      rawRows<{ client: string; resolved: number; metPct: number; target: number | null }>(
        ctx.db,
        sql`
      select c.name as client, count(*)::int as resolved,
        round(100.0 * count(*) filter (where not tickets.resolution_breached) / count(*), 1)::float8 as "metPct",
        (c.contract_targets->>'slaMetPct')::float8 as target
      from tickets join clients c on c.id = tickets.client_id
      where tickets.tenant_id = ${ctx.tenantId} and tickets.resolved_at > ${at} - interval '30 days'
        and ${eligible} ${scopeSql(ctx)}
      group by c.name, c.contract_targets order by 3 asc`,
      ),
      rawRows<{ day: string; n: number }>(
        ctx.db,
        sql`
      with days as (
        select generate_series(date_trunc('day', ${at}) - interval '29 days', date_trunc('day', ${at}), interval '1 day') as day
      )
      select to_char(days.day, 'YYYY-MM-DD') as day, count(e.id)::int as n
      from days left join ticket_escalations e on e.tenant_id = ${ctx.tenantId}
        and e.at >= days.day and e.at < days.day + interval '1 day'
        and e.ticket_id in (select id from tickets where tenant_id = ${ctx.tenantId} and ${eligible} ${scopeSql(ctx)})
      group by days.day order by days.day`,
      ),
      // calibration: predictions of the last 30 days (each change of a ticket's probability)
      // for tickets since resolved, by band
      rawRows<{ band: number; n: number; predicted: number; actual: number }>(
        ctx.db,
        sql`
      select least(floor(p.probability * 10), 9)::int as band, count(*)::int as n,
        avg(p.probability)::float8 as predicted,
        avg(case when tickets.resolution_breached then 1 else 0 end)::float8 as actual
      from ticket_predictions p join tickets on tickets.id = p.ticket_id
      where p.tenant_id = ${ctx.tenantId} and p.run_at > ${at} - interval '30 days'
        and tickets.resolved_at is not null and ${eligible} ${scopeSql(ctx)}
      group by 1 order by 1`,
      ),
      ctx.db
        .select()
        .from(slaPredictionRuns)
        .where(eq(slaPredictionRuns.tenantId, ctx.tenantId))
        .orderBy(desc(slaPredictionRuns.runAt))
        .limit(1),
      slaCounts(ctx, now),
    ]);
  return {
    distribution,
    daily,
    perClient,
    escalations,
    calibration,
    lastRun: lastRun[0] ?? null,
    counts,
  };
}

/**
 * A ticket with everything behind its SLA: the policy that matched, the calendar, pauses,
 * status changes, reassignments, escalations, comments with sentiment, and the probability
 * history — the "explain this SLA" view.
 */
export async function getTicketDetail(ctx: ServiceCtx, id: string, now: Date) {
  const t = await getTicketInTenant(ctx, id);
  await requireFeature(ctx, t.clientId, "slaBreachPrevention");
  const [[info], comments, changes, history, escalations, timeline, clocks] = await Promise.all([
    ctx.db
      .select({
        siteName: sites.name,
        timeZone: sites.timeZone,
        clientName: clients.name,
        tier: clients.tier,
        assigneeName: assignee.name,
      })
      .from(sites)
      .innerJoin(clients, eq(clients.id, sites.clientId))
      .leftJoin(assignee, eq(assignee.id, sql`${t.assigneeId}::uuid`))
      .where(eq(sites.id, t.siteId)),
    ctx.db
      .select({
        id: ticketComments.id,
        author: ticketComments.authorName,
        fromRequester: ticketComments.fromRequester,
        body: ticketComments.body,
        sentiment: ticketComments.sentiment,
        createdAt: ticketComments.createdAt,
      })
      .from(ticketComments)
      .where(eq(ticketComments.ticketId, t.id))
      .orderBy(asc(ticketComments.createdAt)),
    ctx.db
      .select({
        from: ticketStatusChanges.fromStatus,
        to: ticketStatusChanges.toStatus,
        at: ticketStatusChanges.at,
        actor: ticketStatusChanges.actor,
      })
      .from(ticketStatusChanges)
      .where(eq(ticketStatusChanges.ticketId, t.id))
      .orderBy(asc(ticketStatusChanges.at), asc(ticketStatusChanges.id)),
    ctx.db
      .select({ at: ticketPredictions.runAt, probability: ticketPredictions.probability })
      .from(ticketPredictions)
      .where(eq(ticketPredictions.ticketId, t.id))
      // the newest 500 changes (returned oldest first below)
      .orderBy(desc(ticketPredictions.runAt))
      .limit(500)
      .then((rows) => rows.reverse()),
    ctx.db
      .select()
      .from(ticketEscalations)
      .where(eq(ticketEscalations.ticketId, t.id))
      .orderBy(asc(ticketEscalations.at)),
    listEntityTimeline(ctx, { entityType: "ticket", entityId: t.id }),
    clocksFor(ctx, [t.id], now),
  ]);
  const clock = clocks.get(t.id);
  const [policyRow] = clock?.policy.id
    ? await ctx.db.select().from(slaPolicies).where(eq(slaPolicies.id, clock.policy.id))
    : [];
  const open = (OPEN_TICKET_STATUSES as readonly string[]).includes(t.status);
  return {
    ticket: t,
    /** the stored factors as they read at `now` (see `factorsAt`) */
    factors:
      t.riskFactors && clock
        ? factorsAt(t.riskFactors, {
            fractionUsed: clock.resolution.fractionUsed,
            remainingMinutes: clock.resolution.remainingMinutes,
            breached: open && clock.resolution.breached,
            paused: clock.resolution.paused,
            responded: t.firstResponseAt !== null && t.firstResponseAt <= now,
            assigned: t.assigneeId !== null,
          })
        : t.riskFactors,
    siteName: info?.siteName ?? "",
    timeZone: info?.timeZone ?? "UTC",
    clientName: info?.clientName ?? "",
    tier: info?.tier ?? "none",
    assigneeName: info?.assigneeName ?? null,
    comments,
    changes,
    history,
    escalations,
    timeline,
    sla: clock
      ? {
          policy: {
            ...clock.policy,
            source: !clock.policy.id
              ? "built-in default"
              : policyRow?.clientId
                ? `${info?.clientName ?? "client"} override`
                : "tenant default",
          },
          basePriority: clock.basePriority,
          raises: clock.raises,
          holidays: clock.holidays,
          pauses: clock.pauses,
          response: clock.response,
          resolution: clock.resolution,
        }
      : null,
  };
}

/** Active users a ticket can be assigned to: the floor's people, those who work alerts. */
export async function ticketAssignees(ctx: ServiceCtx) {
  return ctx.db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.tenantId, ctx.tenantId),
        eq(users.active, true),
        inArray(users.role, [...rolesWith("alert.work")]),
      ),
    )
    .orderBy(asc(users.name));
}
