import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { LIFE_SAFETY_TYPES } from "@/lib/noc";
import type { alertCreateInput } from "@/lib/schemas/noc";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { kickOutboxRelay, OUTBOX_CHANNEL } from "@/server/events/outbox";
import { events } from "@/server/events/schemas";
import { actorRef, afterCommit, type ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { liveNotifySql } from "../live/publish";
import { activeWindowSql } from "./maintenance-window-sql";

const { alerts, sites, auditLog, eventOutbox } = schema;
type Input = z.output<typeof alertCreateInput> & {
  source: (typeof schema.alertSourceEnum.enumValues)[number];
};

type Outcome = {
  /** the alert an earlier request with the same idempotency key made */
  seen: string | null;
  site: boolean;
  id: string | null;
  inserted: boolean | null;
};

/**
 * Creates an alert, or — when an open alert has the same fingerprint — counts another
 * occurrence of it (one row however many arrive at once: the partial unique index decides).
 * Either way triage runs again after the commit.
 *
 * One statement, one round trip (POST /api/alerts at 50 a second was eight: idempotency key,
 * begin, site, maintenance window, upsert, audit, notify, commit): the repeat of an idempotency
 * key, the site (of this tenant), the maintenance window in force, the upsert, its audit row,
 * the triage request (event_outbox, so a crash after the commit cannot lose it) and the live
 * notification all happen in it, atomically, in the caller's transaction if it has one.
 */
export async function createAlert(
  ctx: ServiceCtx,
  input: Input,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const who = actorRef(ctx.actor);
  const key = input.idempotencyKey ?? null;
  const type = sql`${input.type}::alert_type`;
  const window = LIFE_SAFETY_TYPES.includes(input.type)
    ? sql`null::uuid`
    : activeWindowSql(ctx.tenantId, at, sql`s.client_id`, sql`s.id`, type);
  // the default fingerprint names the alert's subject on its site
  const subject = input.deviceId ?? input.ticketId ?? input.shiftId ?? "";
  const fingerprint = input.fingerprint
    ? sql`${input.fingerprint}::text`
    : sql`${input.type}::text || ':' || s.id::text || ':' || ${subject}::text`;
  const audited = sql`case when up.inserted
      then jsonb_build_object('type', ${input.type}::text, 'severity', ${input.severity}::text,
        'title', ${input.title}::text, 'source', ${input.source}::text,
        'suppressed', up.suppressed_by_window_id is not null)
      else jsonb_build_object('occurrence', 'another') end`;
  const [out] = await rawRows<Outcome>(
    ctx.db,
    sql`
    with seen as (
      select id from ${alerts}
      where ${key}::text is not null and tenant_id = ${ctx.tenantId} and idempotency_key = ${key}::text
    ),
    s as (
      select id, client_id from ${sites}
      where id = ${input.siteId} and tenant_id = ${ctx.tenantId} and not exists (select 1 from seen)
    ),
    up as (
      insert into ${alerts} (tenant_id, client_id, site_id, device_id, ticket_id, shift_id, type,
        severity, title, description, source, fingerprint, idempotency_key,
        suppressed_by_window_id, first_seen_at, last_seen_at, created_at, updated_at)
      select ${ctx.tenantId}, s.client_id, s.id, ${input.deviceId ?? null}::uuid,
        ${input.ticketId ?? null}::uuid, ${input.shiftId ?? null}::uuid, ${type},
        ${input.severity}::alert_severity, ${input.title}::text, ${input.description ?? ""}::text,
        ${input.source}::alert_source, ${fingerprint}, ${key}::text, (${window}), ${at}, ${at},
        ${at}, ${at}
      from s
      on conflict (tenant_id, fingerprint) where status <> 'resolved' do update set
        occurrence_count = ${alerts}.occurrence_count + 1,
        last_seen_at = ${at},
        description = excluded.description,
        updated_at = ${at}
      returning id, suppressed_by_window_id, (xmax = 0) as inserted
    ),
    audit as (
      insert into ${auditLog} (tenant_id, actor_type, actor_id, actor_label, action, entity_type,
        entity_id, after)
      select ${ctx.tenantId}, ${who.type}, ${who.id}, ${who.label},
        case when up.inserted then 'alert.create' else 'alert.repeat' end, 'alert', up.id::text,
        ${audited}
      from up
      returning 1
    ),
    triage as (
      insert into ${eventOutbox} (id, name, data)
      select ${randomUUID()}, ${events.alertCreated.name},
        jsonb_build_object('tenantId', ${ctx.tenantId}::text, 'alertId', up.id::text)
      from up
      on conflict do nothing
      returning 1
    ),
    notified as (
      select ${liveNotifySql(ctx.tenantId, "alert", sql`up.id`)}, pg_notify(${OUTBOX_CHANNEL}, '')
      from up
    )
    select (select id from seen) as seen, exists (select 1 from s) as site,
      up.id, up.inserted,
      (select count(*) from notified) + (select count(*) from audit) + (select count(*) from triage) as n
    from (select 1) one left join up on true`,
  );
  if (out?.seen) return { id: out.seen, created: false };
  if (!out?.site) throw new NotFoundError("Site");
  if (!out.id) throw new Error("alert upsert returned no row");
  afterCommit(ctx, kickOutboxRelay);
  return { id: out.id, created: Boolean(out.inserted) };
}
