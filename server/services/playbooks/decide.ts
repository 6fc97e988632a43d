import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { schema } from "@/server/db";
import { enqueueEvents } from "@/server/events/outbox";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError } from "../_core/errors";
import { requireActorCan } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";

const { playbookRuns, playbookApprovalTokens } = schema;

export type Decision = "approve" | "reject";
/** Where the decision was taken, as the run records it. */
export type DecidedVia = "app" | "link";

/**
 * A supervisor's (or admin's) decision on a run waiting for approval: approved runs carry on,
 * rejected ones end. Only a run still waiting can be decided (ConflictError otherwise), so
 * two decisions at once cannot both land. The run's wait is woken by `playbooks/run.decided`.
 */
export async function decideRun(
  ctx: ServiceCtx,
  input: { runId: string; decision: Decision; note?: string; via: DecidedVia },
  now: Date,
): Promise<{ id: string; status: "running" | "rejected" }> {
  requireActorCan(ctx, "playbook.approve", "Only supervisors and admins approve playbook runs");
  const by = ctx.actor.type === "user" ? ctx.actor.userId : null;
  return inTx(ctx, async (tx) => {
    const [run] = await tx.db
      .select()
      .from(playbookRuns)
      .where(and(eq(playbookRuns.id, input.runId), eq(playbookRuns.tenantId, tx.tenantId)))
      .for("update");
    if (!run) throw new NotFoundError("Playbook run");
    if (run.status !== "awaiting_approval")
      throw new ConflictError(`This run is no longer waiting for approval (${run.status})`);
    const approve = input.decision === "approve";
    const set = approve
      ? { status: "running" as const, approvedBy: by, approvedAt: now, decidedVia: input.via }
      : {
          status: "rejected" as const,
          rejectedBy: by,
          rejectedAt: now,
          finishedAt: now,
          decidedVia: input.via,
          error: input.note ? `Rejected: ${input.note}` : null,
        };
    await tx.db.update(playbookRuns).set(set).where(eq(playbookRuns.id, run.id));
    // the other link of the pair (and this one, if the decision came in the app) is spent
    await tx.db
      .update(playbookApprovalTokens)
      .set({ usedAt: now, usedBy: by })
      .where(and(eq(playbookApprovalTokens.runId, run.id), isNull(playbookApprovalTokens.usedAt)));
    await enqueueEvents(tx.db, [
      {
        name: "playbooks/run.decided",
        id: `playbook-run-decided-${run.id}`,
        data: { tenantId: tx.tenantId, runId: run.id, decision: input.decision },
      },
    ]);
    await recordAudit(tx, {
      action: approve ? "playbook.run.approve" : "playbook.run.reject",
      entityType: "playbook_run",
      entityId: run.id,
      before: { status: run.status },
      after: { status: set.status, via: input.via, note: input.note ?? null },
    });
    await publish(tx, "playbookRun", [run.id]);
    return { id: run.id, status: set.status };
  });
}
