import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { ESCALATE_THRESHOLD, NOT_IN_PLAN, ROUTE_THRESHOLD, type AlertType } from "@/lib/noc";
import type { PlaybookTrigger } from "@/lib/schemas/playbooks";
import { PLAYBOOK_FEATURE, tierIncludes } from "@/lib/tiers";
import { type DbOrTx, schema } from "@/server/db";
import { literal } from "@/server/db/sql-literals";
import { enqueueEvents } from "@/server/events/outbox";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyGroup } from "../notifications/enqueue";
import { escalate } from "./escalate-alerts";
import { predictLogistic } from "../models/logistic";
import { matchesTrigger } from "../playbooks/match";
import { localClock, RELATED_COUNT_CAP, scoreWith } from "./score";

const {
  alerts,
  sites,
  clients,
  routingRules,
  groups,
  priorityModels,
  deviceHealth,
  playbooks,
  playbookVersions,
} = schema;

/** Where an alert type goes when nobody has edited the routing table (noc.md). */
export const DEFAULT_ROUTES: Partial<Record<AlertType, string>> = {
  DEVICE_FAILURE: "IoT Specialists",
  SECURITY_BREACH: "Security Team",
  SLA_BREACH_RISK: "Helpdesk Supervisors",
  INTRUSION: "Security Team",
  FIRE_ALARM: "Emergency Response",
};

/**
 * Triage on noc/alert.created: score and explain, route (≥ 80) to the type's group with an
 * immediate notification, escalate (≥ 90) to supervisors. Safe to run again for the same
 * alert: routing and each escalation happen once (conditional updates, unique keys), and
 * notifications carry dedupe keys.
 */
export async function triageAlert(ctx: ServiceCtx, input: { alertId: string }, now: Date) {
  // One transaction from the read to the commit. Its read plans once per connection only if
  // told to: with the site's last 24 h behind a parameter, PostgreSQL costs the generic plan
  // far above the custom ones and planned it again on every call (about 1 ms of planning for
  // 0.2–0.5 ms of execution, the largest item of the database's time at 50 alerts a second).
  // The statements after it plan as usual; both settings go out with a statement beside them.
  return inTx(ctx, async (tx) => {
    const [, [a]] = await Promise.all([
      tx.db.execute(sql`set local plan_cache_mode = force_generic_plan`),
      triageRead(tx.db, ctx.tenantId, input.alertId, now),
    ]);
    // (in a caller's transaction too, which goes on after this)
    const planAsUsual = () => tx.db.execute(sql`set local plan_cache_mode = auto`);
    if (!a || a.status === "resolved") {
      await planAsUsual();
      return { outcome: a ? ("resolved" as const) : ("missing" as const) };
    }
    if (!tierIncludes(a.tier, "alertTriage")) {
      // open pages hear of it, or they would show the row as "scoring…" until a reload
      await Promise.all([
        planAsUsual(),
        tx.db
          .update(alerts)
          .set({ scoredBy: NOT_IN_PLAN, triagedAt: now })
          .where(eq(alerts.id, a.id)),
      ]);
      await publish(tx, "alert", [a.id]);
      return { outcome: "not in plan" as const };
    }

    const clock = localClock(a.timeZone, now);
    const scored = scoreWith(a.model, {
      type: a.type,
      severity: a.severity,
      siteCriticality: a.criticality,
      clientTier: a.tier,
      localHour: clock.hour,
      localDay: clock.day,
      relatedLast24h: a.related,
      occurrences: a.occurrences,
      deviceHealth: a.deviceHealth,
      slaHoursLeft: null,
    });
    const routeTo = scored.score >= ROUTE_THRESHOLD && !a.suppressed ? a.routeGroupId : null;
    // The score, the route with its notification and the escalation commit together, and a
    // crash leaves none of them half written. Routed once: the row lock makes a redelivered
    // event wait, find routed_at set and leave the route alone.
    const [, [locked]] = await Promise.all([
      planAsUsual(),
      tx.db
        .select({ routedAt: alerts.routedAt })
        .from(alerts)
        .where(eq(alerts.id, a.id))
        .for("update"),
    ]);
    const routeNow = routeTo !== null && locked !== undefined && locked.routedAt === null;
    await tx.db
      .update(alerts)
      .set({
        score: scored.score,
        scoreFactors: scored.factors,
        scoredBy: scored.scoredBy,
        triagedAt: now,
        ...(routeNow ? { assignedGroupId: routeTo, routedAt: now } : {}),
      })
      .where(eq(alerts.id, a.id));
    let routed: string | null = null;
    if (routeTo && routeNow) {
      routed = routeTo;
      await recordAudit(tx, {
        action: "alert.route",
        entityType: "alert",
        entityId: a.id,
        after: { groupId: routeTo, score: scored.score },
      });
      await notifyGroup(
        tx,
        {
          groupId: routeTo,
          subject: `[${scored.score}] ${a.title}`,
          body: `${a.type.replaceAll("_", " ")} at ${a.siteName} scored ${scored.score}: ${scored.factors
            .slice(0, 3)
            .map((f) => `${f.label} +${f.points}`)
            .join(", ")}.`,
          link: `/noc?alert=${a.id}`,
          dedupeKey: `alert:${a.id}:routed`,
          kind: "alert_routed",
          entity: `alert:${a.id}`,
        },
        now,
      );
    }
    const escalatedNow =
      scored.score >= ESCALATE_THRESHOLD && !a.suppressed
        ? await escalate(tx, {
            alertId: a.id,
            clock: "score",
            title: a.title,
            siteName: a.siteName,
            reason: `scored ${scored.score}`,
            now,
          })
        : false;
    await publish(tx, "alert", [a.id]);
    // playbooks start after triage (playbooks.md), in the same commit as the score; the start
    // run checks the triggers again against the alert as committed
    const startsPlaybook =
      !a.suppressed &&
      tierIncludes(a.tier, PLAYBOOK_FEATURE) &&
      a.triggers.some((t) => matchesTrigger(t, { ...a, score: scored.score }));
    if (startsPlaybook)
      await enqueueEvents(tx.db, [
        {
          name: "noc/alert.triaged",
          id: `alert-triaged-${a.id}`,
          data: { tenantId: tx.tenantId, alertId: a.id },
        },
      ]);
    return {
      outcome: "scored" as const,
      score: scored.score,
      scoredBy: scored.scoredBy,
      routedTo: routed,
      escalated: escalatedNow,
    };
  });
}

/**
 * The alert with everything its triage needs, in one statement: its site and client, the
 * site's other alerts of the last 24 h, where a route would go, the tenant's playbook
 * triggers, the device's health and the usable model.
 */
function triageRead(db: DbOrTx, tenantId: string, alertId: string, now: Date) {
  return db
    .select({
      id: alerts.id,
      type: alerts.type,
      severity: alerts.severity,
      clientId: alerts.clientId,
      firstSeenAt: alerts.firstSeenAt,
      title: alerts.title,
      status: alerts.status,
      siteId: alerts.siteId,
      occurrences: alerts.occurrenceCount,
      routedAt: alerts.routedAt,
      suppressed: alerts.suppressedByWindowId,
      siteName: sites.name,
      timeZone: sites.timeZone,
      criticality: sites.criticality,
      tier: clients.tier,
      // one round trip: the site's other alerts of the last 24 h and the tenant's usable model
      related: sql<number>`(select count(*)::int from (select 1 from ${alerts} r
        where r.tenant_id = ${alerts.tenantId} and r.site_id = ${alerts.siteId}
          and r.id <> ${alerts.id} and r.last_seen_at > ${now.toISOString()}::timestamptz - interval '24 hours'
        limit ${literal(RELATED_COUNT_CAP)}) related)`,
      // where a route would go: the tenant's rule for the type, else the default group
      routeGroupId: sql<string | null>`coalesce(
        (select rr.group_id from ${routingRules} rr
          where rr.tenant_id = ${alerts.tenantId} and rr.type = ${alerts.type}),
        (select g.id from ${groups} g
          where g.tenant_id = ${alerts.tenantId} and g.name = ${defaultRouteName})
      )`,
      // the triggers of the tenant's enabled playbooks: a start is asked for only when one
      // matches (gold is checked below). A flood that matches none (an SLA run's thousands of
      // breach alerts) asked for as many start runs that started nothing.
      triggers: sql<
        PlaybookTrigger[]
      >`(select coalesce(json_agg(v.definition->'trigger'), '[]'::json)
        from ${playbooks} p join ${playbookVersions} v
          on v.playbook_id = p.id and v.version = p.current_version
        where p.tenant_id = ${alerts.tenantId} and p.enabled and p.killed_at is null)`,
      // the device's health as of its last hourly run (silver and up; null without one)
      deviceHealth: sql<number | null>`(select h.score from ${deviceHealth} h
        where h.device_id = ${alerts.deviceId} and h.tenant_id = ${alerts.tenantId})`,
      model: sql<{
        version: number;
        model: Parameters<typeof predictLogistic>[0];
      } | null>`(select json_build_object('version', m.version, 'model', m.model)
        from ${priorityModels} m
        where m.tenant_id = ${alerts.tenantId} and m.kind = 'alert' and m.usable
        order by m.version desc limit 1)`,
    })
    .from(alerts)
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .where(and(eq(alerts.id, alertId), eq(alerts.tenantId, tenantId)));
}

/** The default group's name for an alert's type, as SQL over the alerts row. */
const defaultRouteName = sql`(case ${alerts.type} ${sql.join(
  Object.entries(DEFAULT_ROUTES).map(
    ([type, name]) => sql`when ${literal(type)} then ${literal(name)}`,
  ),
  sql` `,
)} end)`;
