import "server-only";
import { and, asc, desc, eq, gte, ne, sql } from "drizzle-orm";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { listEntityTimeline } from "../audit/list";
import { alertVisibility, getAlertInTenant } from "./access";
import { siteFalseAlarmRate } from "./false-alarms";

const { alerts, sites, clients, users, alertComments, tickets } = schema;

/** An alert with its explanation, comments, timeline and related alerts at the site. */
export async function getAlertDetail(ctx: ServiceCtx, id: string, now: Date) {
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
        scoredBy: alerts.scoredBy,
        lastSeenAt: alerts.lastSeenAt,
      })
      .from(alerts)
      .where(
        and(
          eq(alerts.tenantId, ctx.tenantId),
          visible,
          eq(alerts.siteId, a.siteId),
          ne(alerts.id, a.id),
          gte(alerts.lastSeenAt, sql`${now.toISOString()}::timestamptz - interval '24 hours'`),
        ),
      )
      .orderBy(desc(alerts.lastSeenAt))
      .limit(10),
    siteFalseAlarmRate(ctx, a.siteId, visible, now),
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
