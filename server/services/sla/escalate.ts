import "server-only";
import { gatherDeliveryRequests } from "../notifications/request-delivery";
import { and, eq, sql } from "drizzle-orm";
import { SLA_RULES, raisedPriority } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { recordAudits } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyGroupMany } from "../notifications/enqueue";
import { recomputeClocks } from "./clock-store";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";

const { tickets, ticketEscalations, groups } = schema;

/**
 * The 30-minute auto-escalation: an open ticket of an eligible client at ≥ 0.8 breach
 * probability goes up one priority level (P4→P3→P2→P1) — once per level, however often this
 * runs — with the escalation recorded, its clock recomputed for the new priority (a raise
 * only brings due times forward, never into the past: `escalatedSlaClock`), and the Helpdesk
 * Supervisors told.
 */
export async function autoEscalateTenant(ctx: ServiceCtx, now: Date) {
  const { db, tenantId } = ctx;
  const candidates = await rawRows<Candidate>(
    db,
    sql`
    select t.id, t.number, t.title, t.priority, t.escalation_level as level,
      t.breach_probability as p
    from tickets t join clients c on c.id = t.client_id
    where t.tenant_id = ${tenantId} and c.active
      and c.tier in (select jsonb_array_elements_text(${JSON.stringify(tiersWith("slaBreachPrevention"))}::jsonb)::tier)
      and t.status in ${OPEN_TICKET_STATUS_LIST}
      and t.breach_probability >= ${SLA_RULES.escalateAt} and t.priority <> 'P1'`,
  );
  if (!candidates.length) return { escalated: 0, checked: 0 };
  const [helpdesk] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(groups.name, "Helpdesk Supervisors")));
  let escalated = 0;
  // one delivery request per 500 notifications, not one per ticket
  await gatherDeliveryRequests(async () => {
    for (let i = 0; i < candidates.length; i += BATCH)
      escalated += await raiseTickets(ctx, candidates.slice(i, i + BATCH), helpdesk?.id, now);
  });
  if (escalated) await publish(ctx, "ticket", null);
  return { escalated, checked: candidates.length };
}

/** Tickets raised per transaction. */
const BATCH = 1_000;

/** An open ticket at risk: its escalation level so far, and its breach probability. */
type Candidate = Pick<typeof tickets.$inferSelect, "id" | "number" | "title" | "priority"> & {
  level: number;
  p: number;
};

/**
 * Raises a batch of tickets one level in one transaction and a few statements: the
 * escalation rows (once per ticket and level: their key makes a racing run add nothing), the
 * tickets moved (only from the level read, so a racing run moves each once), their clocks
 * recomputed, the audit rows and the Helpdesk Supervisors' notifications.
 */
async function raiseTickets(
  ctx: ServiceCtx,
  batch: Candidate[],
  helpdeskId: string | undefined,
  now: Date,
): Promise<number> {
  const raise = new Map(
    batch.map((t) => [t.id, { ...t, to: raisedPriority(t.priority), next: t.level + 1 }]),
  );
  return inTx(ctx, async (tx) => {
    const moved = await rawRows<{ id: string }>(
      tx.db,
      sql`
      with v as (
        select * from json_to_recordset(${JSON.stringify(
          [...raise.values()].map((t) => ({
            id: t.id,
            level: t.next,
            from: t.priority,
            to: t.to,
            p: t.p,
          })),
        )}::json) as x(id uuid, level int, "from" ticket_priority, "to" ticket_priority, p float8)
      ),
      ins as (
        insert into ${ticketEscalations} (tenant_id, ticket_id, level, from_priority, to_priority,
          probability, at)
        select ${ctx.tenantId}, v.id, v.level, v."from", v."to", v.p, ${now.toISOString()}::timestamptz
        from v join ${tickets} t on t.id = v.id and t.tenant_id = ${ctx.tenantId}
        order by v.id
        on conflict do nothing
        returning ticket_id
      )
      update ${tickets} t set priority = v."to", escalation_level = v.level,
        updated_at = ${now.toISOString()}::timestamptz
      from v
      where t.id = v.id and t.tenant_id = ${ctx.tenantId} and t.escalation_level = v.level - 1
        and t.id in (select ticket_id from ins)
      returning t.id`,
    );
    const done = moved.flatMap((m) => raise.get(m.id) ?? []);
    if (!done.length) return 0;
    await recomputeClocks(
      tx,
      done.map((t) => t.id),
      now,
    );
    await recordAudits(
      tx,
      done.map((t) => ({
        action: "ticket.escalate",
        entityType: "ticket",
        entityId: t.id,
        before: { priority: t.priority, escalationLevel: t.level },
        after: { priority: t.to, escalationLevel: t.next, probability: t.p },
      })),
    );
    if (helpdeskId)
      await notifyGroupMany(
        tx,
        helpdeskId,
        done.map((t) => ({
          subject: `Escalated to ${t.to}: #${t.number} ${t.title}`,
          body: `Breach probability ${t.p.toFixed(2)}: ticket #${t.number} moved from ${t.priority} to ${t.to} (escalation level ${t.next}).`,
          link: `/sla?ticket=${t.id}`,
          dedupeKey: `ticket:${t.id}:escalated:${t.next}`,
          kind: "ticket_escalated" as const,
          entity: `ticket:${t.id}`,
        })),
        now,
      );
    return done.length;
  });
}
