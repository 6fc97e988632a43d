import "server-only";
import { and, desc, eq, getTableColumns, inArray, is, ne } from "drizzle-orm";
import { PgTimestamp } from "drizzle-orm/pg-core";
import { UNDO_WINDOW_MS, type UndoableAction } from "@/lib/noc-undo";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { lockAlertsInTenant } from "./access";
import { forEachAlert, requireNoc } from "./actions";

const { alerts, auditLog } = schema;
type Alert = typeof alerts.$inferSelect;

/** What each undoable action needs: undoing it takes the capability doing it took. */
const CAPABILITY = {
  "alert.acknowledge": "alert.work",
  "alert.resolve": "alert.work",
  "alert.assign": "alert.triage",
} as const satisfies Record<UndoableAction, "alert.work" | "alert.triage">;

/** The people's actions that change an alert; the last of them is the one undo may reverse. */
const STATE_ACTIONS = [...Object.keys(CAPABILITY), "alert.start", "alert.escalate", "alert.undo"];

const columns = getTableColumns(alerts);
const json = (v: unknown) => JSON.stringify(v ?? null);

/** An audit row's values (JSON) as the alert's columns take them (dates back to dates). */
function asColumns(values: Record<string, unknown>): Partial<Alert> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const col = columns[k as keyof typeof columns];
      return [k, col && is(col, PgTimestamp) && typeof v === "string" ? new Date(v) : (v ?? null)];
    }),
  ) as Partial<Alert>;
}

/**
 * Reverses the signed-in user's own last action on these alerts (acknowledge, resolve,
 * assign), within UNDO_WINDOW_MS of it: each alert goes back to the values the action's audit
 * row recorded before it. Refused (all or none) when an alert's last change is not that action
 * by this user, when the window has passed, or when the alert changed since. Audited as
 * `alert.undo`; the queues get the alerts back through the live stream.
 */
export async function undoAlertAction(
  ctx: ServiceCtx,
  input: { ids: string[]; action: UndoableAction },
  now: Date,
) {
  requireNoc(ctx, CAPABILITY[input.action]);
  if (ctx.actor.type !== "user") throw new ForbiddenError("Only a person can undo their action");
  const me = ctx.actor.userId;
  return inTx(ctx, async (tx) => {
    const ids = [...new Set(input.ids)];
    // locked first, so that nobody changes them between the audit read and the update
    const locked = await lockAlertsInTenant(tx, ids);
    if (locked.length !== ids.length) throw new NotFoundError("Alert");
    const rows = await tx.db
      .selectDistinctOn([auditLog.entityId], {
        entityId: auditLog.entityId,
        action: auditLog.action,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        before: auditLog.before,
        after: auditLog.after,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, ctx.tenantId),
          eq(auditLog.entityType, "alert"),
          inArray(auditLog.entityId, ids),
          inArray(auditLog.action, STATE_ACTIONS),
        ),
      )
      .orderBy(auditLog.entityId, desc(auditLog.id));
    const last = new Map(rows.map((r) => [r.entityId, r]));
    return forEachAlert(
      tx,
      ids,
      async (t, a) => {
        const entry = last.get(a.id);
        if (
          !entry ||
          entry.action !== input.action ||
          entry.actorType !== "user" ||
          entry.actorId !== me
        )
          throw new ConflictError(`There is nothing of yours to undo on “${a.title}”`);
        if (entry.createdAt.getTime() < now.getTime() - UNDO_WINDOW_MS)
          throw new ConflictError(`Too late to undo that on “${a.title}”`);
        const after = entry.after ?? {};
        if (Object.entries(after).some(([k, v]) => json(a[k as keyof Alert]) !== json(v)))
          throw new ConflictError(`“${a.title}” changed since; nothing was undone`);
        const set = asColumns(entry.before ?? {});
        if (a.status === "resolved" && set.status && set.status !== "resolved") {
          // a new alert from the same source may have opened since (one open per fingerprint)
          const [other] = await t.db
            .select({ id: alerts.id })
            .from(alerts)
            .where(
              and(
                eq(alerts.tenantId, ctx.tenantId),
                eq(alerts.fingerprint, a.fingerprint),
                ne(alerts.status, "resolved"),
              ),
            )
            .limit(1);
          if (other)
            throw new ConflictError(`A new alert from the same source as “${a.title}” is open`);
        }
        return Object.keys(set).length ? set : null;
      },
      "alert.undo",
    );
  });
}
