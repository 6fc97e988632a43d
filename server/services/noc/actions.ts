import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { RESOLUTIONS } from "@/lib/noc";
import { schema } from "@/server/db";
import { type AuditEntry, recordAudit, recordAudits } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { requireActorCan } from "../_core/scope";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { getGroupInTenant } from "../groups/groups";
import { publish } from "../live/publish";
import { getUserInTenant } from "../users/list";
import { getAlertInTenant, lockAlertsInTenant } from "./access";
import { notifySupervisors } from "./escalate-alerts";

const { alerts, alertComments, sites } = schema;
type Alert = typeof alerts.$inferSelect;

function userId(ctx: ServiceCtx): string | null {
  return ctx.actor.type === "user" ? ctx.actor.userId : null;
}

export const requireNoc = (ctx: ServiceCtx, capability: "alert.work" | "alert.triage") =>
  requireActorCan(ctx, capability, "Your role cannot do that to alerts");

/**
 * Applies one change to several alerts in one transaction: all of them, or none. Set-based:
 * the alerts are read and locked in one query, alerts getting the same change are updated
 * together, and their audit rows are written in one insert (a 200-alert bulk resolve is a
 * handful of statements, not 600).
 */
export async function forEachAlert(
  ctx: ServiceCtx,
  ids: string[],
  change: (tx: ServiceCtx, alert: Alert) => Promise<Partial<Alert> | null>,
  action: string,
) {
  return inTx(ctx, async (tx) => {
    const unique = [...new Set(ids)];
    const found = new Map((await lockAlertsInTenant(tx, unique)).map((a) => [a.id, a]));
    const updates = new Map<string, { set: Partial<Alert>; ids: string[] }>();
    const audits: AuditEntry[] = [];
    for (const id of unique) {
      const alert = found.get(id);
      if (!alert) throw new NotFoundError("Alert");
      const set = await change(tx, alert);
      if (!set) continue;
      const key = JSON.stringify(set);
      const same = updates.get(key) ?? { set, ids: [] };
      same.ids.push(id);
      updates.set(key, same);
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, alert[k as keyof Alert]]));
      audits.push({ action, entityType: "alert", entityId: id, before, after: set });
    }
    for (const { set, ids: same } of updates.values()) {
      await tx.db
        .update(alerts)
        .set(set)
        .where(and(inArray(alerts.id, same), eq(alerts.tenantId, ctx.tenantId)));
    }
    await recordAudits(tx, audits);
    // only the alerts that changed: the others would push pages rows they already have
    if (audits.length)
      await publish(
        tx,
        "alert",
        audits.map((a) => a.entityId),
      );
    // ids: the alerts changed (an Undo takes back just these)
    return { changed: audits.length, ids: audits.map((a) => a.entityId) };
  });
}

const open = (a: Alert) => {
  if (a.status === "resolved") throw new ConflictError(`“${a.title}” is already resolved`);
};

/** `now`: one instant for the whole action, so alike changes update together. */
export function acknowledgeAlerts(ctx: ServiceCtx, input: { ids: string[] }, now: Date) {
  requireNoc(ctx, "alert.work");
  return forEachAlert(
    ctx,
    input.ids,
    async (_tx, a) => {
      open(a);
      if (a.status !== "new") return null; // already acknowledged: nothing to do
      return { status: "acknowledged", acknowledgedAt: now, acknowledgedBy: userId(ctx) };
    },
    "alert.acknowledge",
  );
}

export function startAlert(ctx: ServiceCtx, input: { id: string }, now: Date) {
  requireNoc(ctx, "alert.work");
  return forEachAlert(
    ctx,
    [input.id],
    async (_tx, a) => {
      open(a);
      if (a.status === "in_progress") return null;
      return {
        status: "in_progress",
        progressedAt: now,
        ...(a.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedBy: userId(ctx) }),
      };
    },
    "alert.start",
  );
}

export function resolveAlerts(
  ctx: ServiceCtx,
  input: { ids: string[]; resolution: (typeof RESOLUTIONS)[number]; note?: string },
  now: Date,
) {
  requireNoc(ctx, "alert.work");
  return forEachAlert(
    ctx,
    input.ids,
    async (_tx, a) => {
      open(a);
      return {
        status: "resolved",
        resolvedAt: now,
        resolvedBy: userId(ctx),
        resolution: input.resolution,
        resolutionNote: input.note?.trim() || null,
        ...(a.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedBy: userId(ctx) }),
      };
    },
    "alert.resolve",
  );
}

export function assignAlert(
  ctx: ServiceCtx,
  input: { id: string; userId?: string | null; groupId?: string | null },
) {
  requireNoc(ctx, "alert.triage");
  if (input.userId === undefined && input.groupId === undefined)
    throw new ValidationError("Choose a user or a group");
  return forEachAlert(
    ctx,
    [input.id],
    async (tx, a) => {
      open(a);
      if (input.userId) await getUserInTenant(tx, input.userId);
      if (input.groupId) await getGroupInTenant(tx, input.groupId);
      return {
        ...(input.userId !== undefined ? { assignedUserId: input.userId } : {}),
        ...(input.groupId !== undefined ? { assignedGroupId: input.groupId } : {}),
      };
    },
    "alert.assign",
  );
}

/** A person escalates by hand (as often as needed); the clocks escalate once each on their own. */
export async function escalateAlert(
  ctx: ServiceCtx,
  input: { id: string; reason?: string },
  now: Date,
) {
  requireNoc(ctx, "alert.triage");
  const who = ctx.actor.type === "user" ? ctx.actor.name : "the system";
  return inTx(ctx, async (tx) => {
    const result = await forEachAlert(
      tx,
      [input.id],
      async (_t, a) => {
        open(a);
        return { escalated: true, escalatedAt: now, escalationTarget: "supervisors" };
      },
      "alert.escalate",
    );
    const a = await getAlertInTenant(tx, input.id);
    const [site] = await tx.db
      .select({ name: sites.name })
      .from(sites)
      .where(eq(sites.id, a.siteId));
    await notifySupervisors(
      tx,
      {
        alertId: a.id,
        title: a.title,
        siteName: site?.name ?? "the site",
        reason: input.reason?.trim() ? `${who}: ${input.reason.trim()}` : `escalated by ${who}`,
        dedupeKey: `alert:${a.id}:escalated:manual:${now.getTime()}`,
      },
      now,
    );
    return result;
  });
}

export async function commentOnAlert(ctx: ServiceCtx, input: { id: string; body: string }) {
  requireNoc(ctx, "alert.work");
  return inTx(ctx, async (tx) => {
    const a = await getAlertInTenant(tx, input.id);
    const [c] = await tx.db
      .insert(alertComments)
      .values({
        tenantId: ctx.tenantId,
        alertId: a.id,
        userId: userId(ctx),
        body: input.body.trim(),
      })
      .returning({ id: alertComments.id });
    await recordAudit(tx, {
      action: "alert.comment",
      entityType: "alert",
      entityId: a.id,
      after: { comment: input.body.trim().slice(0, 200) },
    });
    await publish(tx, "alert", [a.id]);
    return { id: c?.id ?? null };
  });
}
