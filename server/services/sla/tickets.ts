import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  OPEN_TICKET_STATUSES,
  canMoveTicket,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from "@/lib/sla";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { actorRef, type ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { resolveAlertsByFingerprint } from "../noc/system-alerts";
import { recomputeClocks } from "./clock-store";

const { tickets, sites, users, ticketStatusChanges } = schema;

/** The fingerprint of a ticket's breach-risk alert: one open alert per ticket. */
export const RISK_FINGERPRINT_PREFIX = "sla:";
export const riskFingerprint = (ticketId: string) => `${RISK_FINGERPRINT_PREFIX}${ticketId}`;

export { canMoveTicket };

/** Fetch-or-throw: a ticket of this tenant inside the actor's sites. */
export async function getTicketInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.id, id),
        eq(tickets.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, tickets.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Ticket");
  return row;
}

export type TicketCreate = {
  siteId: string;
  title: string;
  description: string;
  requester: string;
  category: TicketCategory;
  priority: TicketPriority;
  assigneeId?: string | null;
  idempotencyKey?: string;
};

async function checkAssignee(ctx: ServiceCtx, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const [u] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, assigneeId), eq(users.tenantId, ctx.tenantId), eq(users.active, true)));
  if (!u)
    throw new ValidationError("The assignee is not an active user of this tenant", "assigneeId");
}

/** Opens a ticket with its SLA clocks set from the policy that governs it. */
export async function createTicket(
  ctx: ServiceCtx,
  input: TicketCreate,
  now: Date,
): Promise<{ id: string; number: number; created: boolean }> {
  return inTx(ctx, async (tx) => {
    if (input.idempotencyKey) {
      const [seen] = await tx.db
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(
          and(eq(tickets.tenantId, ctx.tenantId), eq(tickets.idempotencyKey, input.idempotencyKey)),
        );
      if (seen) return { ...seen, created: false };
    }
    const [site] = await tx.db
      .select({ id: sites.id, clientId: sites.clientId })
      .from(sites)
      .where(
        and(
          eq(sites.id, input.siteId),
          eq(sites.tenantId, ctx.tenantId),
          siteScopeFilter(tx, sites.id),
        ),
      );
    if (!site) throw new NotFoundError("Site");
    await checkAssignee(tx, input.assigneeId);
    const [row] = await tx.db
      .insert(tickets)
      .values({
        tenantId: ctx.tenantId,
        clientId: site.clientId,
        siteId: site.id,
        requester: input.requester,
        title: input.title,
        description: input.description,
        category: input.category,
        priority: input.priority,
        assigneeId: input.assigneeId ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: now,
      })
      .returning({ id: tickets.id, number: tickets.number, createdAt: tickets.createdAt });
    if (!row) throw new Error("ticket not created");
    await tx.db.insert(ticketStatusChanges).values({
      tenantId: ctx.tenantId,
      ticketId: row.id,
      fromStatus: null,
      toStatus: "open",
      at: row.createdAt,
      actor: actorRef(ctx.actor).label,
    });
    await recomputeClocks(tx, [row.id], now);
    await recordAudit(tx, {
      action: "ticket.create",
      entityType: "ticket",
      entityId: row.id,
      after: {
        title: input.title,
        priority: input.priority,
        category: input.category,
        siteId: site.id,
      },
    });
    await publish(tx, "ticket", [row.id]);
    return { id: row.id, number: row.number, created: true };
  });
}

/**
 * Moves a ticket along: the first move out of `open` by staff is its first response,
 * `pending_customer` pauses the resolution clock, resolving stops it (and clears its risk
 * alert), reopening resumes it and counts a reopen.
 */
export async function changeTicketStatus(
  ctx: ServiceCtx,
  input: { id: string; status: TicketStatus },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const t = await getTicketInTenant(tx, input.id);
    if (t.status === input.status) return { changed: false };
    if (!canMoveTicket(t.status, input.status))
      throw new ConflictError(
        `A ${t.status.replace("_", " ")} ticket cannot become ${input.status.replace("_", " ")}`,
      );
    const reopening =
      (t.status === "resolved" || t.status === "closed") &&
      (input.status === "open" || input.status === "in_progress");
    const updated = await tx.db
      .update(tickets)
      .set({
        status: input.status,
        ...(t.firstResponseAt || input.status === "open" ? {} : { firstResponseAt: now }),
        ...(input.status === "resolved" ? { resolvedAt: now } : {}),
        ...(input.status === "closed" ? { closedAt: now, resolvedAt: t.resolvedAt ?? now } : {}),
        ...(reopening
          ? { resolvedAt: null, closedAt: null, reopenedCount: sql`${tickets.reopenedCount} + 1` }
          : {}),
      })
      // optimistic: another change in between makes this one fail rather than overwrite it
      .where(and(eq(tickets.id, t.id), eq(tickets.status, t.status)))
      .returning({ id: tickets.id });
    if (!updated.length)
      throw new ConflictError("The ticket changed meanwhile; reload and try again");
    await tx.db.insert(ticketStatusChanges).values({
      tenantId: ctx.tenantId,
      ticketId: t.id,
      fromStatus: t.status,
      toStatus: input.status,
      at: now,
      actor: actorRef(ctx.actor).label,
    });
    await recomputeClocks(tx, [t.id], now);
    if (input.status === "resolved" || input.status === "closed")
      await resolveAlertsByFingerprint(tx, [riskFingerprint(t.id)], "Ticket resolved", now);
    await recordAudit(tx, {
      action: reopening ? "ticket.reopen" : "ticket.status",
      entityType: "ticket",
      entityId: t.id,
      before: { status: t.status },
      after: { status: input.status },
    });
    await publish(tx, "ticket", [t.id]);
    return { changed: true };
  });
}

export async function assignTicket(
  ctx: ServiceCtx,
  input: { id: string; assigneeId: string | null },
) {
  return inTx(ctx, async (tx) => {
    const t = await getTicketInTenant(tx, input.id);
    await checkAssignee(tx, input.assigneeId);
    if (t.assigneeId === input.assigneeId) return { changed: false };
    await tx.db.update(tickets).set({ assigneeId: input.assigneeId }).where(eq(tickets.id, t.id));
    await recordAudit(tx, {
      action: "ticket.assign",
      entityType: "ticket",
      entityId: t.id,
      before: { assigneeId: t.assigneeId },
      after: { assigneeId: input.assigneeId },
    });
    await publish(tx, "ticket", [t.id]);
    return { changed: true };
  });
}

/** Changes priority by hand (the clock follows the new priority's policy). */
export async function setTicketPriority(
  ctx: ServiceCtx,
  input: { id: string; priority: TicketPriority },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const t = await getTicketInTenant(tx, input.id);
    if (t.priority === input.priority) return { changed: false };
    await tx.db.update(tickets).set({ priority: input.priority }).where(eq(tickets.id, t.id));
    await recomputeClocks(tx, [t.id], now);
    await recordAudit(tx, {
      action: "ticket.priority",
      entityType: "ticket",
      entityId: t.id,
      before: { priority: t.priority },
      after: { priority: input.priority },
    });
    await publish(tx, "ticket", [t.id]);
    return { changed: true };
  });
}

/** Open tickets in the actor's scope, for pickers and the simulator. */
export async function openTicketIds(ctx: ServiceCtx, limit = 500) {
  const rows = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(eq(tickets.tenantId, ctx.tenantId), inArray(tickets.status, [...OPEN_TICKET_STATUSES])),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}
