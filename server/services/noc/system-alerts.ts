import "server-only";
import { sql } from "drizzle-orm";
import type { AlertType, Severity } from "@/lib/noc";
import { LIFE_SAFETY_TYPES } from "@/lib/noc";
import { schema } from "@/server/db";
import { actorRef, afterCommit, type ServiceCtx } from "../_core/context";
import { publish } from "../live/publish";
import { enqueueEvents, kickOutboxRelay } from "@/server/events/outbox";
import { events } from "@/server/events/schemas";
import { rawRows } from "@/server/db/raw";

const { alerts, auditLog, maintenanceWindows } = schema;

export type SystemAlert = {
  siteId: string;
  clientId: string;
  type: AlertType;
  severity: Severity;
  title: string;
  description: string;
  /** always set by modules: one open alert per fingerprint */
  fingerprint: string;
  source: "device" | "ticket" | "shift" | "system";
  ticketId?: string | null;
  deviceId?: string | null;
  shiftId?: string | null;
};

/**
 * Raises many alerts for the other modules' jobs in one statement: a new fingerprint opens
 * an alert (held back by a maintenance window in force, unless life-safety), an open one is
 * updated in place (title, description, severity, another occurrence). New alerts, and
 * those whose severity changed, are triaged after the commit. Audited in bulk.
 */
export async function raiseSystemAlerts(
  ctx: ServiceCtx,
  items: SystemAlert[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  if (!items.length) return { created: 0, updated: 0 };
  const at = sql`${now.toISOString()}::timestamptz`;
  const who = actorRef(ctx.actor);
  const rows = await rawRows<{
    id: string;
    inserted: boolean;
    retriage: boolean;
  }>(
    ctx.db,
    sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(
        items.map((i) => ({ ...i, lifeSafety: LIFE_SAFETY_TYPES.includes(i.type) })),
      )}::json) as x(
        "siteId" uuid, "clientId" uuid, type alert_type, severity alert_severity, title text,
        description text, fingerprint text, source alert_source, "ticketId" uuid,
        "deviceId" uuid, "shiftId" uuid, "lifeSafety" boolean)
    ),
    prior as (
      select a.fingerprint, a.severity from ${alerts} a
      where a.tenant_id = ${ctx.tenantId} and a.status <> 'resolved'
        and a.fingerprint in (select fingerprint from v)
    ),
    up as (
      insert into ${alerts} (tenant_id, client_id, site_id, ticket_id, device_id, shift_id, type,
        severity, title, description, source, fingerprint, suppressed_by_window_id)
      select ${ctx.tenantId}, v."clientId", v."siteId", v."ticketId", v."deviceId", v."shiftId",
        v.type, v.severity, v.title, v.description, v.source, v.fingerprint,
        case when v."lifeSafety" then null else (
          select w.id from ${maintenanceWindows} w
          where w.tenant_id = ${ctx.tenantId} and w.cancelled_at is null
            and w.starts_at <= ${at} and w.ends_at > ${at}
            and (cardinality(w.client_ids) = 0 or v."clientId" = any(w.client_ids))
            and (cardinality(w.site_ids) = 0 or v."siteId" = any(w.site_ids))
            and (cardinality(w.types) = 0 or v.type = any(w.types))
          limit 1) end
      from v
      on conflict (tenant_id, fingerprint) where status <> 'resolved' do update set
        occurrence_count = ${alerts}.occurrence_count + 1,
        last_seen_at = ${at},
        title = excluded.title,
        description = excluded.description,
        severity = excluded.severity,
        updated_at = ${at}
      returning id, fingerprint, severity, type, title, (xmax = 0) as inserted
    ),
    audited as (
      insert into ${auditLog} (tenant_id, actor_type, actor_id, actor_label, action, entity_type,
        entity_id, before, after)
      select ${ctx.tenantId}, ${who.type}, ${who.id}, ${who.label},
        case when up.inserted then 'alert.create' else 'alert.repeat' end, 'alert', up.id::text,
        case when up.inserted then null else jsonb_build_object('severity', prior.severity) end,
        case when up.inserted
          then jsonb_build_object('type', up.type, 'severity', up.severity, 'title', up.title)
          else jsonb_build_object('occurrence', 'another', 'severity', up.severity, 'title', up.title) end
      from up left join prior on prior.fingerprint = up.fingerprint
      returning 1
    )
    select up.id, up.inserted, (prior.severity is distinct from up.severity) as retriage
    from up left join prior on prior.fingerprint = up.fingerprint`,
  );
  const triage = rows.filter((r) => r.inserted || r.retriage).map((r) => r.id);
  if (rows.length)
    await publish(
      ctx,
      "alert",
      rows.map((r) => r.id),
    );
  // requested with the change (event_outbox): a crash after the commit cannot lose them
  await enqueueEvents(
    ctx.db,
    triage.map((alertId) => ({
      name: events.alertCreated.name,
      data: { tenantId: ctx.tenantId, alertId, bulk: true },
    })),
  );
  if (triage.length) afterCommit(ctx, kickOutboxRelay);
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}

/** Resolves the open alerts with these fingerprints as `auto` (the condition cleared). */
export async function resolveAlertsByFingerprint(
  ctx: ServiceCtx,
  fingerprints: string[],
  note: string,
  now: Date,
): Promise<number> {
  if (!fingerprints.length) return 0;
  const at = sql`${now.toISOString()}::timestamptz`;
  const who = actorRef(ctx.actor);
  const rows = await rawRows<{ id: string }>(
    ctx.db,
    sql`
    with done as (
      update ${alerts} set status = 'resolved', resolution = 'auto', resolution_note = ${note},
        resolved_at = ${at}, updated_at = ${at}
      where tenant_id = ${ctx.tenantId} and status <> 'resolved'
        and fingerprint in (select jsonb_array_elements_text(${JSON.stringify(fingerprints)}::jsonb))
      returning id, status
    ),
    audited as (
      insert into ${auditLog} (tenant_id, actor_type, actor_id, actor_label, action, entity_type,
        entity_id, after)
      select ${ctx.tenantId}, ${who.type}, ${who.id}, ${who.label}, 'alert.resolve', 'alert',
        done.id::text, jsonb_build_object('resolution', 'auto', 'note', ${note}::text)
      from done
      returning 1
    )
    select id from done`,
  );
  if (rows.length)
    await publish(
      ctx,
      "alert",
      rows.map((r) => r.id),
    );
  return rows.length;
}
