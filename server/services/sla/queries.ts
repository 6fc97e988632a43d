import "server-only";
import { aliasedTable, and, asc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import {
  RISK_SORT_DEFAULT_DIR,
  type RiskSortKey,
  type SlaFilters,
  type SortDir,
} from "@/lib/schemas/sla";
import { SLA_RULES } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";
import type { ServiceCtx } from "../_core/context";
import { siteScopeFilter } from "../_core/scope";
import { requireFeature, requireSiteFeature } from "../tiers/feature-gate";
import { clocksFor } from "./clock-store";
import { factorsAt } from "./risk";

const { tickets, sites, clients, users } = schema;
const assignee = aliasedTable(users, "assignee");

const eligibleClient = () => inArray(clients.tier, tiersWith("slaBreachPrevention"));

/**
 * An open ticket, spelled as the open-tickets partial indexes spell it (a literal list, not
 * bound parameters): a prepared statement's generic plan cannot prove a partial index's
 * predicate from parameters and fell back to scanning all 2.2 M tickets of a large tenant.
 */
const openTicket = sql`${tickets.status} in ${OPEN_TICKET_STATUS_LIST}`;

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
    openTicket,
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
        openTicket,
        eligibleClient(),
        siteScopeFilter(ctx, tickets.siteId),
      ),
    );
  return row ?? { open: 0, scored: 0, atRisk: 0, breached: 0 };
}
