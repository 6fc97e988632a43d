import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  OPEN_TICKET_STATUSES,
  TICKET_PRIORITIES,
  type SlaCalendarKind,
  type TicketPriority,
} from "@/lib/sla";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { recomputeClocks } from "./clock-store";
import { builtInPolicy } from "./policy-lookup";

const { slaPolicies, clientHolidays, clients, tickets } = schema;

export async function listPolicies(ctx: ServiceCtx) {
  const [rows, holidays] = await Promise.all([
    ctx.db
      .select({
        id: slaPolicies.id,
        clientId: slaPolicies.clientId,
        clientName: clients.name,
        priority: slaPolicies.priority,
        responseMinutes: slaPolicies.responseMinutes,
        resolutionMinutes: slaPolicies.resolutionMinutes,
        calendar: slaPolicies.calendar,
        businessDays: slaPolicies.businessDays,
        opensAt: slaPolicies.opensAt,
        closesAt: slaPolicies.closesAt,
        updatedAt: slaPolicies.updatedAt,
      })
      .from(slaPolicies)
      .leftJoin(clients, eq(clients.id, slaPolicies.clientId))
      .where(eq(slaPolicies.tenantId, ctx.tenantId))
      .orderBy(slaPolicies.clientId, slaPolicies.priority),
    ctx.db
      .select({
        id: clientHolidays.id,
        clientId: clientHolidays.clientId,
        clientName: clients.name,
        day: clientHolidays.day,
        name: clientHolidays.name,
      })
      .from(clientHolidays)
      .innerJoin(clients, eq(clients.id, clientHolidays.clientId))
      .where(eq(clientHolidays.tenantId, ctx.tenantId))
      .orderBy(clientHolidays.day),
  ]);
  const tenantDefaults = TICKET_PRIORITIES.map(
    (p) => rows.find((r) => r.clientId === null && r.priority === p) ?? { ...builtInPolicy(p) },
  );
  return { tenantDefaults, overrides: rows.filter((r) => r.clientId !== null), holidays };
}

export type PolicyInput = {
  clientId: string | null;
  priority: TicketPriority;
  responseMinutes: number;
  resolutionMinutes: number;
  calendar: SlaCalendarKind;
  businessDays: number[];
  opensAt: string;
  closesAt: string;
};

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Creates or changes a policy (the tenant default when clientId is null, else a client
 * override), then recomputes the due times of the open tickets it governs. Audited.
 */
export async function savePolicy(ctx: ServiceCtx, input: PolicyInput, now: Date) {
  if (input.responseMinutes > input.resolutionMinutes)
    throw new ValidationError(
      "The response target cannot be longer than the resolution target",
      "responseMinutes",
    );
  if (!HHMM.test(input.opensAt) || !HHMM.test(input.closesAt) || input.opensAt >= input.closesAt)
    throw new ValidationError(
      "Business hours must be HH:MM with opening before closing",
      "opensAt",
    );
  if (input.calendar === "business" && !input.businessDays.length)
    throw new ValidationError("Pick at least one business day", "businessDays");
  return inTx(ctx, async (tx) => {
    if (input.clientId) {
      const [c] = await tx.db
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.id, input.clientId), eq(clients.tenantId, ctx.tenantId)));
      if (!c) throw new NotFoundError("Client");
    }
    const [before] = await tx.db
      .select()
      .from(slaPolicies)
      .where(
        and(
          eq(slaPolicies.tenantId, ctx.tenantId),
          input.clientId ? eq(slaPolicies.clientId, input.clientId) : isNull(slaPolicies.clientId),
          eq(slaPolicies.priority, input.priority),
        ),
      );
    const values = {
      responseMinutes: input.responseMinutes,
      resolutionMinutes: input.resolutionMinutes,
      calendar: input.calendar,
      businessDays: [...new Set(input.businessDays)].sort(),
      opensAt: input.opensAt,
      closesAt: input.closesAt,
    };
    const [saved] = before
      ? await tx.db.update(slaPolicies).set(values).where(eq(slaPolicies.id, before.id)).returning()
      : await tx.db
          .insert(slaPolicies)
          .values({
            tenantId: ctx.tenantId,
            clientId: input.clientId,
            priority: input.priority,
            ...values,
          })
          .returning();
    if (!saved) throw new Error("policy not saved");
    const recomputed = await recomputeOpenTickets(
      tx,
      {
        priority: input.priority,
        clientId: input.clientId,
      },
      now,
    );
    await recordAudit(tx, {
      action: before ? "sla_policy.update" : "sla_policy.create",
      entityType: "sla_policy",
      entityId: saved.id,
      before: before ? { ...before, updatedAt: undefined, createdAt: undefined } : null,
      after: { ...values, clientId: input.clientId, priority: input.priority, recomputed },
    });
    return { policy: saved, recomputed };
  });
}

/** Removes a client's override (its tickets fall back to the tenant default). */
export async function deletePolicyOverride(ctx: ServiceCtx, id: string, now: Date) {
  return inTx(ctx, async (tx) => {
    const [gone] = await tx.db
      .delete(slaPolicies)
      .where(and(eq(slaPolicies.id, id), eq(slaPolicies.tenantId, ctx.tenantId)))
      .returning();
    if (!gone || !gone.clientId) throw new NotFoundError("Client policy");
    const recomputed = await recomputeOpenTickets(
      tx,
      {
        priority: gone.priority,
        clientId: gone.clientId,
      },
      now,
    );
    await recordAudit(tx, {
      action: "sla_policy.delete",
      entityType: "sla_policy",
      entityId: gone.id,
      before: { ...gone, createdAt: undefined, updatedAt: undefined },
      after: { recomputed },
    });
    return { recomputed };
  });
}

export async function addHoliday(
  ctx: ServiceCtx,
  input: { clientId: string; day: string; name: string },
  now: Date,
) {
  return inTx(ctx, async (tx) => {
    const [c] = await tx.db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.id, input.clientId), eq(clients.tenantId, ctx.tenantId)));
    if (!c) throw new NotFoundError("Client");
    const [row] = await tx.db
      .insert(clientHolidays)
      .values({ tenantId: ctx.tenantId, ...input })
      .onConflictDoUpdate({
        target: [clientHolidays.clientId, clientHolidays.day],
        set: { name: input.name },
      })
      .returning();
    const recomputed = await recomputeOpenTickets(tx, { clientId: input.clientId }, now);
    await recordAudit(tx, {
      action: "client_holiday.add",
      entityType: "client",
      entityId: input.clientId,
      after: { day: input.day, name: input.name, recomputed },
    });
    return { holiday: row, recomputed };
  });
}

export async function removeHoliday(ctx: ServiceCtx, id: string, now: Date) {
  return inTx(ctx, async (tx) => {
    const [gone] = await tx.db
      .delete(clientHolidays)
      .where(and(eq(clientHolidays.id, id), eq(clientHolidays.tenantId, ctx.tenantId)))
      .returning();
    if (!gone) throw new NotFoundError("Holiday");
    const recomputed = await recomputeOpenTickets(tx, { clientId: gone.clientId }, now);
    await recordAudit(tx, {
      action: "client_holiday.remove",
      entityType: "client",
      entityId: gone.clientId,
      before: { day: gone.day, name: gone.name },
      after: { recomputed },
    });
    return { recomputed };
  });
}

/** Recomputes the SLA clocks of the tenant's open tickets a change touches; returns how many. */
async function recomputeOpenTickets(
  ctx: ServiceCtx,
  where: { priority?: TicketPriority; clientId: string | null },
  now: Date,
): Promise<number> {
  const ids = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, ctx.tenantId),
        inArray(tickets.status, [...OPEN_TICKET_STATUSES]),
        where.priority ? eq(tickets.priority, where.priority) : undefined,
        // a tenant default governs clients without their own row; recompute them all, it is cheap
        where.clientId ? eq(tickets.clientId, where.clientId) : undefined,
      ),
    );
  const n = await recomputeClocks(
    ctx,
    ids.map((r) => r.id),
    now,
  );
  if (n) await publish(ctx, "ticket", null);
  return n;
}
