import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { LIFE_SAFETY_TYPES } from "@/lib/noc";
import type { alertCreateInput } from "@/lib/schemas/noc";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { afterCommit, type ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { enqueueEvents, kickOutboxRelay } from "@/server/events/outbox";
import { events } from "@/server/events/schemas";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";

const { alerts, sites, maintenanceWindows } = schema;
type Input = z.output<typeof alertCreateInput> & {
  source: (typeof schema.alertSourceEnum.enumValues)[number];
};

/**
 * The window in force now that covers an alert of this site and type, if any (life-safety
 * types never are). The site's client is read in the same statement, so this runs beside the
 * site's own lookup instead of after it.
 */
function activeWindow(ctx: ServiceCtx, a: { siteId: string; type: Input["type"] }, now: Date) {
  if (LIFE_SAFETY_TYPES.includes(a.type)) return Promise.resolve([]);
  return ctx.db
    .select({ id: maintenanceWindows.id })
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.tenantId, ctx.tenantId),
        sql`${maintenanceWindows.cancelledAt} is null`,
        lte(maintenanceWindows.startsAt, now),
        gt(maintenanceWindows.endsAt, now),
        sql`(cardinality(${maintenanceWindows.clientIds}) = 0 or (select ${sites.clientId} from ${sites} where ${sites.id} = ${a.siteId}::uuid and ${sites.tenantId} = ${ctx.tenantId}::uuid) = any(${maintenanceWindows.clientIds}))`,
        sql`(cardinality(${maintenanceWindows.siteIds}) = 0 or ${a.siteId}::uuid = any(${maintenanceWindows.siteIds}))`,
        sql`(cardinality(${maintenanceWindows.types}) = 0 or ${a.type}::alert_type = any(${maintenanceWindows.types}))`,
      ),
    )
    .limit(1);
}

/**
 * Creates an alert, or — when an open alert has the same fingerprint — counts another
 * occurrence of it (one row however many arrive at once: the partial unique index decides).
 * Either way triage runs again after the commit.
 */
export async function createAlert(
  ctx: ServiceCtx,
  input: Input,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  return inTx(ctx, async (tx) => {
    // 50 alerts a second is the bar: the statements that do not depend on each other go to
    // the database together (postgres.js pipelines them on the transaction's connection), so
    // a new alert costs three round trips in its transaction instead of eight
    const [seen, [site], [window]] = await Promise.all([
      input.idempotencyKey
        ? tx.db
            .select({ id: alerts.id })
            .from(alerts)
            .where(
              and(
                eq(alerts.tenantId, ctx.tenantId),
                eq(alerts.idempotencyKey, input.idempotencyKey),
              ),
            )
        : Promise.resolve([]),
      tx.db
        .select({ id: sites.id, clientId: sites.clientId })
        .from(sites)
        .where(and(eq(sites.id, input.siteId), eq(sites.tenantId, ctx.tenantId))),
      activeWindow(tx, { siteId: input.siteId, type: input.type }, now),
    ]);
    if (seen[0]) return { id: seen[0].id, created: false };
    if (!site) throw new NotFoundError("Site");
    const windowId = window?.id ?? null;
    const fingerprint =
      input.fingerprint ??
      [input.type, site.id, input.deviceId ?? input.ticketId ?? input.shiftId ?? ""].join(":");
    const [row] = await tx.db
      .insert(alerts)
      .values({
        tenantId: ctx.tenantId,
        clientId: site.clientId,
        siteId: site.id,
        deviceId: input.deviceId,
        ticketId: input.ticketId,
        shiftId: input.shiftId,
        type: input.type,
        severity: input.severity,
        title: input.title,
        description: input.description,
        source: input.source,
        fingerprint,
        idempotencyKey: input.idempotencyKey,
        suppressedByWindowId: windowId,
        firstSeenAt: now,
        lastSeenAt: now,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [alerts.tenantId, alerts.fingerprint],
        targetWhere: sql`${alerts.status} <> 'resolved'`,
        set: {
          occurrenceCount: sql`${alerts.occurrenceCount} + 1`,
          lastSeenAt: now,
          description: sql`excluded.description`,
        },
      })
      .returning({ id: alerts.id, inserted: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error("alert upsert returned no row");
    await Promise.all([
      recordAudit(tx, {
        action: row.inserted ? "alert.create" : "alert.repeat",
        entityType: "alert",
        entityId: row.id,
        after: row.inserted
          ? {
              type: input.type,
              severity: input.severity,
              title: input.title,
              source: input.source,
              suppressed: Boolean(windowId),
            }
          : { occurrence: "another" },
      }),
      publish(tx, "alert", [row.id]),
      // triage is requested in this transaction (event_outbox): a crash after the commit
      // cannot lose it, and a rolled-back alert requests nothing
      enqueueEvents(tx.db, [
        { name: events.alertCreated.name, data: { tenantId: ctx.tenantId, alertId: row.id } },
      ]),
    ]);
    afterCommit(tx, kickOutboxRelay);
    return { id: row.id, created: row.inserted };
  });
}
