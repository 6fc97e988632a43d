import "server-only";
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { LIFE_SAFETY_TYPES, type AlertType } from "@/lib/noc";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";

const { maintenanceWindows: mw, alerts, sites, clients } = schema;

export type WindowInput = {
  name: string;
  startsAt: Date;
  endsAt: Date;
  clientIds: string[];
  siteIds: string[];
  types: AlertType[];
};

export async function listMaintenanceWindows(ctx: ServiceCtx, now: Date) {
  return ctx.db
    .select()
    .from(mw)
    .where(
      and(
        eq(mw.tenantId, ctx.tenantId),
        gte(mw.endsAt, sql`${now.toISOString()}::timestamptz - interval '7 days'`),
      ),
    )
    .orderBy(desc(mw.startsAt));
}

async function checkScope(ctx: ServiceCtx, input: WindowInput) {
  if (input.endsAt <= input.startsAt)
    throw new ValidationError("The window must end after it starts", "endsAt");
  if (input.endsAt.getTime() - input.startsAt.getTime() > 14 * 86_400_000) {
    throw new ValidationError("A window lasts at most 14 days", "endsAt");
  }
  if (input.siteIds.length) {
    const found = await ctx.db
      .select({ id: sites.id })
      .from(sites)
      .where(and(eq(sites.tenantId, ctx.tenantId), inArray(sites.id, input.siteIds)));
    if (found.length !== new Set(input.siteIds).size) throw new NotFoundError("Site");
  }
  if (input.clientIds.length) {
    const found = await ctx.db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.tenantId, ctx.tenantId), inArray(clients.id, input.clientIds)));
    if (found.length !== new Set(input.clientIds).size) throw new NotFoundError("Client");
  }
}

/**
 * What a window would hold back: the alerts of the last 30 days, and those open now, that it
 * covers (never fire alarms or panics).
 */
export async function previewMaintenanceWindow(ctx: ServiceCtx, input: WindowInput, now: Date) {
  await checkScope(ctx, input);
  const scope = and(
    eq(alerts.tenantId, ctx.tenantId),
    input.clientIds.length ? inArray(alerts.clientId, input.clientIds) : undefined,
    input.siteIds.length ? inArray(alerts.siteId, input.siteIds) : undefined,
    input.types.length ? inArray(alerts.type, input.types) : undefined,
    sql`${alerts.type} not in (${sql.join(
      LIFE_SAFETY_TYPES.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  const [counts] = await ctx.db
    .select({
      last30: sql<number>`count(*) filter (where ${alerts.firstSeenAt} > ${now.toISOString()}::timestamptz - interval '30 days')::int`,
      open: sql<number>`count(*) filter (where ${alerts.status} <> 'resolved')::int`,
    })
    .from(alerts)
    .where(scope);
  const byType = await ctx.db
    .select({ type: alerts.type, n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(
      and(
        scope,
        sql`${alerts.firstSeenAt} > ${now.toISOString()}::timestamptz - interval '30 days'`,
      ),
    )
    .groupBy(alerts.type)
    .orderBy(desc(sql`count(*)`));
  return { last30Days: counts?.last30 ?? 0, openNow: counts?.open ?? 0, byType };
}

export async function createMaintenanceWindow(ctx: ServiceCtx, input: WindowInput) {
  await checkScope(ctx, input);
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(mw)
      .values({
        tenantId: ctx.tenantId,
        ...input,
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "maintenance.create",
      entityType: "maintenance_window",
      entityId: row.id,
      after: {
        name: row.name,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        sites: row.siteIds.length,
        clients: row.clientIds.length,
        types: row.types,
      },
    });
    await publish(tx, "alert", null);
    return row;
  });
}

export async function cancelMaintenanceWindow(ctx: ServiceCtx, input: { id: string }, now: Date) {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(mw)
      .set({ cancelledAt: now })
      .where(and(eq(mw.id, input.id), eq(mw.tenantId, ctx.tenantId), isNull(mw.cancelledAt)))
      .returning({ id: mw.id, name: mw.name });
    if (!row) throw new NotFoundError("Active maintenance window");
    await recordAudit(tx, {
      action: "maintenance.cancel",
      entityType: "maintenance_window",
      entityId: row.id,
      after: { cancelled: true },
    });
    await publish(tx, "alert", null);
    return { id: row.id };
  });
}
