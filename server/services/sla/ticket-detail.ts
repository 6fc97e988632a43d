import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rolesWith } from "@/lib/permissions";
import { OPEN_TICKET_STATUSES } from "@/lib/sla";
import { schema } from "@/server/db";
import { listEntityTimeline } from "../audit/list";
import type { ServiceCtx } from "../_core/context";
import { requireFeature } from "../tiers/feature-gate";
import { clocksFor } from "./clock-store";
import { factorsAt } from "./risk";
import { getTicketInTenant } from "./tickets";

const {
  sites,
  clients,
  users,
  ticketComments,
  ticketStatusChanges,
  ticketPredictions,
  ticketEscalations,
  slaPolicies,
} = schema;
const assignee = aliasedTable(users, "assignee");

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
