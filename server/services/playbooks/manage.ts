import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import {
  ACTIVE_RUN_STATUSES,
  type playbookCreateInput,
  type playbookUpdateInput,
} from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import { enqueueEvents } from "@/server/events/outbox";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation, NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { checkReferences } from "./references";

const { playbooks, playbookVersions, playbookRuns } = schema;

const actorId = (ctx: ServiceCtx) => (ctx.actor.type === "user" ? ctx.actor.userId : null);
const NAME_TAKEN = "Another playbook already has this name";

/** Fetch-or-throw: a playbook of this tenant, locked for update when inside a transaction. */
export async function getPlaybookInTenant(ctx: ServiceCtx, id: string, lock = false) {
  const q = ctx.db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.id, id), eq(playbooks.tenantId, ctx.tenantId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Playbook");
  return row;
}

export async function createPlaybook(
  ctx: ServiceCtx,
  input: z.output<typeof playbookCreateInput>,
): Promise<{ id: string; version: number }> {
  requireActorCan(ctx, "playbook.manage", "Only admins edit playbooks");
  await checkReferences(ctx, input.definition);
  try {
    return await inTx(ctx, async (tx) => {
      const by = actorId(tx);
      const [pb] = await tx.db
        .insert(playbooks)
        .values({
          tenantId: tx.tenantId,
          name: input.name,
          enabled: input.enabled,
          currentVersion: 1,
          createdBy: by,
          updatedBy: by,
        })
        .returning({ id: playbooks.id });
      if (!pb) throw new Error("insert returned no row");
      await tx.db.insert(playbookVersions).values({
        tenantId: tx.tenantId,
        playbookId: pb.id,
        version: 1,
        definition: input.definition,
        createdBy: by,
      });
      await recordAudit(tx, {
        action: "playbook.create",
        entityType: "playbook",
        entityId: pb.id,
        after: { name: input.name, enabled: input.enabled, version: 1 },
      });
      await publish(tx, "playbookRun", null);
      return { id: pb.id, version: 1 };
    });
  } catch (err) {
    if (isUniqueViolation(err, "playbooks_tenant_id_name_idx"))
      throw new ConflictError(NAME_TAKEN, "name");
    throw err;
  }
}

/** Saves a new version; runs already started keep the version they started with. */
export async function updatePlaybook(
  ctx: ServiceCtx,
  input: z.output<typeof playbookUpdateInput>,
): Promise<{ id: string; version: number }> {
  requireActorCan(ctx, "playbook.manage", "Only admins edit playbooks");
  await checkReferences(ctx, input.definition);
  try {
    return await inTx(ctx, async (tx) => {
      const pb = await getPlaybookInTenant(tx, input.id, true);
      const version = pb.currentVersion + 1;
      const by = actorId(tx);
      await tx.db.insert(playbookVersions).values({
        tenantId: tx.tenantId,
        playbookId: pb.id,
        version,
        definition: input.definition,
        createdBy: by,
      });
      await tx.db
        .update(playbooks)
        .set({ name: input.name, currentVersion: version, updatedBy: by })
        .where(eq(playbooks.id, pb.id));
      await recordAudit(tx, {
        action: "playbook.update",
        entityType: "playbook",
        entityId: pb.id,
        before: { name: pb.name, version: pb.currentVersion },
        after: { name: input.name, version },
      });
      await publish(tx, "playbookRun", null);
      return { id: pb.id, version };
    });
  } catch (err) {
    if (isUniqueViolation(err, "playbooks_tenant_id_name_idx"))
      throw new ConflictError(NAME_TAKEN, "name");
    throw err;
  }
}

/** Enabling also lifts a kill switch. */
export async function setPlaybookEnabled(
  ctx: ServiceCtx,
  input: { id: string; enabled: boolean },
): Promise<{ id: string; enabled: boolean }> {
  requireActorCan(ctx, "playbook.manage", "Only admins enable or disable playbooks");
  return inTx(ctx, async (tx) => {
    const pb = await getPlaybookInTenant(tx, input.id, true);
    const set = input.enabled
      ? { enabled: true, killedAt: null, killedBy: null, updatedBy: actorId(tx) }
      : { enabled: false, updatedBy: actorId(tx) };
    await tx.db.update(playbooks).set(set).where(eq(playbooks.id, pb.id));
    await recordAudit(tx, {
      action: input.enabled ? "playbook.enable" : "playbook.disable",
      entityType: "playbook",
      entityId: pb.id,
      before: { enabled: pb.enabled, killed: pb.killedAt !== null },
      after: { enabled: input.enabled, killed: input.enabled ? false : pb.killedAt !== null },
    });
    await publish(tx, "playbookRun", null);
    return { id: pb.id, enabled: input.enabled };
  });
}

/**
 * The kill switch: the playbook starts no new run, and every run of it not finished yet is
 * cancelled (a run sleeping or waiting for approval is woken and stops before its next step).
 */
export async function killPlaybook(
  ctx: ServiceCtx,
  input: { id: string },
  now: Date,
): Promise<{ id: string; cancelledRuns: number }> {
  requireActorCan(ctx, "playbook.kill", "Your role cannot stop playbooks");
  return inTx(ctx, async (tx) => {
    const pb = await getPlaybookInTenant(tx, input.id, true);
    await tx.db
      .update(playbooks)
      .set({ enabled: false, killedAt: now, killedBy: actorId(tx), updatedBy: actorId(tx) })
      .where(eq(playbooks.id, pb.id));
    const cancelled = await tx.db
      .update(playbookRuns)
      .set({ status: "cancelled", finishedAt: now, error: "Stopped by the kill switch" })
      .where(
        and(
          eq(playbookRuns.playbookId, pb.id),
          eq(playbookRuns.tenantId, tx.tenantId),
          inArray(playbookRuns.status, [...ACTIVE_RUN_STATUSES]),
        ),
      )
      .returning({ id: playbookRuns.id });
    await enqueueEvents(
      tx.db,
      cancelled.map((r) => ({
        name: "playbooks/run.decided" as const,
        id: `playbook-run-cancel-${r.id}`,
        data: { tenantId: tx.tenantId, runId: r.id, decision: "cancel" as const },
      })),
    );
    await recordAudit(tx, {
      action: "playbook.kill",
      entityType: "playbook",
      entityId: pb.id,
      before: { enabled: pb.enabled },
      after: { enabled: false, killedAt: now.toISOString(), cancelledRuns: cancelled.length },
    });
    await publish(tx, "playbookRun", cancelled.length ? cancelled.map((r) => r.id) : null);
    return { id: pb.id, cancelledRuns: cancelled.length };
  });
}
