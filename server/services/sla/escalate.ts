import "server-only";
import { gatherDeliveryRequests } from "../notifications/request-delivery";
import { and, eq, sql } from "drizzle-orm";
import { SLA_RULES, raisedPriority, type TicketPriority } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyGroup } from "../notifications/enqueue";
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
  const candidates = await rawRows<{
    id: string;
    number: number;
    title: string;
    priority: TicketPriority;
    level: number;
    p: number;
  }>(
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
    for (const t of candidates) {
      const level = t.level + 1;
      const to = raisedPriority(t.priority);
      const done = await inTx(ctx, async (tx) => {
        const [fresh] = await tx.db
          .insert(ticketEscalations)
          .values({
            tenantId,
            ticketId: t.id,
            level,
            fromPriority: t.priority,
            toPriority: to,
            probability: t.p,
            at: now,
          })
          .onConflictDoNothing()
          .returning({ id: ticketEscalations.id });
        if (!fresh) return false;
        const moved = await tx.db
          .update(tickets)
          .set({ priority: to, escalationLevel: level })
          .where(and(eq(tickets.id, t.id), eq(tickets.escalationLevel, t.level)))
          .returning({ id: tickets.id });
        if (!moved.length) return false;
        await recomputeClocks(tx, [t.id], now);
        await recordAudit(tx, {
          action: "ticket.escalate",
          entityType: "ticket",
          entityId: t.id,
          before: { priority: t.priority, escalationLevel: t.level },
          after: { priority: to, escalationLevel: level, probability: t.p },
        });
        if (helpdesk)
          await notifyGroup(
            tx,
            {
              groupId: helpdesk.id,
              subject: `Escalated to ${to}: #${t.number} ${t.title}`,
              body: `Breach probability ${t.p.toFixed(2)}: ticket #${t.number} moved from ${t.priority} to ${to} (escalation level ${level}).`,
              link: `/sla?ticket=${t.id}`,
              dedupeKey: `ticket:${t.id}:escalated:${level}`,
              kind: "ticket_escalated",
              entity: `ticket:${t.id}`,
            },
            now,
          );
        return true;
      });
      if (done) escalated++;
    }
  });
  if (escalated) await publish(ctx, "ticket", null);
  return { escalated, checked: candidates.length };
}
