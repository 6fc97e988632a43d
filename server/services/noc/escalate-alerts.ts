import "server-only";
import { sql } from "drizzle-orm";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { actorRef, type ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyRole, notifyRoleMany } from "../notifications/enqueue";
import type { Message } from "../notifications/queue";

const { alerts, alertEscalations, auditLog } = schema;

export type EscalationClock = (typeof schema.escalationClockEnum.enumValues)[number];
export type Escalation = {
  alertId: string;
  clock: EscalationClock;
  title: string;
  siteName: string;
  reason: string;
};

/** Escalates to supervisors once per alert and clock; returns whether this call did it. */
export async function escalate(
  ctx: ServiceCtx,
  input: Escalation & { now: Date },
): Promise<boolean> {
  return (await escalateAlerts(ctx, [input], input.now)) > 0;
}

/**
 * Escalates many of the tenant's alerts to supervisors in one transaction and a few
 * statements, whatever their number: the escalation rows (once per alert and clock: the
 * key of alert_escalations makes a repeat, a restart or a racing run add nothing), the
 * alerts' escalated flag, one audit row per escalation, and the supervisors' notifications;
 * open pages are told which alerts turned escalated (at commit). Alerts of other tenants are
 * ignored. Returns how many escalations were new.
 */
export async function escalateAlerts(
  ctx: ServiceCtx,
  items: Escalation[],
  now: Date,
): Promise<number> {
  if (!items.length) return 0;
  const who = actorRef(ctx.actor);
  const byKey = new Map(items.map((i) => [`${i.alertId}:${i.clock}`, i]));
  return inTx(ctx, async (tx) => {
    const fresh = await rawRows<{ alertId: string; clock: EscalationClock }>(
      tx.db,
      sql`
      with v as (
        select * from json_to_recordset(${JSON.stringify(
          [...byKey.values()].map((i) => ({
            alertId: i.alertId,
            clock: i.clock,
            reason: i.reason,
          })),
        )}::json) as x("alertId" uuid, clock escalation_clock, reason text)
      ),
      ins as (
        insert into ${alertEscalations} (tenant_id, alert_id, clock)
        select a.tenant_id, a.id, v.clock from v
        join ${alerts} a on a.id = v."alertId" and a.tenant_id = ${ctx.tenantId}
        order by a.id, v.clock
        on conflict do nothing
        returning alert_id, clock
      ),
      flagged as (
        update ${alerts} a set escalated = true, escalated_at = ${now.toISOString()}::timestamptz,
          escalation_target = 'supervisors'
        where a.tenant_id = ${ctx.tenantId} and a.id in (select alert_id from ins)
        returning 1
      ),
      audited as (
        insert into ${auditLog} (tenant_id, actor_type, actor_id, actor_label, action,
          entity_type, entity_id, after)
        select ${ctx.tenantId}, ${who.type}, ${who.id}, ${who.label}, 'alert.escalate', 'alert',
          ins.alert_id::text, jsonb_build_object('clock', ins.clock, 'reason', v.reason)
        from ins join v on v."alertId" = ins.alert_id and v.clock = ins.clock
        returning 1
      )
      select alert_id as "alertId", clock from ins`,
    );
    await notifyRoleMany(
      tx,
      "supervisor",
      fresh.flatMap((f) => {
        const i = byKey.get(`${f.alertId}:${f.clock}`);
        return i ? [supervisorMessage({ ...i, dedupeKey: escalationKey(i) })] : [];
      }),
      now,
    );
    if (fresh.length) await publish(tx, "alert", [...new Set(fresh.map((f) => f.alertId))]);
    return fresh.length;
  });
}

const escalationKey = (e: { alertId: string; clock: EscalationClock }) =>
  `alert:${e.alertId}:escalated:${e.clock}`;

type AboutAlert = {
  alertId: string;
  title: string;
  siteName: string;
  reason: string;
  dedupeKey: string;
};

const supervisorMessage = (input: AboutAlert): Message => ({
  subject: `Escalated: ${input.title}`,
  body: `At ${input.siteName}; ${input.reason}.`,
  link: `/noc?alert=${input.alertId}`,
  dedupeKey: input.dedupeKey,
  kind: "alert_escalated",
  entity: `alert:${input.alertId}`,
});

/** Tells the tenant's active supervisors about an escalated alert (in-app and e-mail). */
export async function notifySupervisors(ctx: ServiceCtx, input: AboutAlert, now: Date) {
  await notifyRole(ctx, { role: "supervisor", ...supervisorMessage(input) }, now);
}
