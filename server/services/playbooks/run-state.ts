import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { APPROVAL_WAIT_HOURS } from "@/lib/playbooks";
import {
  ACTIVE_RUN_STATUSES,
  APPROVAL_DECISIONS,
  type PlaybookStep,
  type RunStatus,
} from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { appBaseUrl } from "../notifications/channels";
import { notifyRole, notifyTenantSlack } from "../notifications/enqueue";
import { alertFacts } from "./alert-facts";
import { signApprovalToken } from "./approval-link";

const { playbookRuns, playbookVersions, playbooks, playbookApprovalTokens, playbookStepResults } =
  schema;

/** A run of this tenant with the definition it runs. */
export async function loadRun(ctx: ServiceCtx, runId: string, lock = false) {
  const q = ctx.db
    .select({ run: playbookRuns, definition: playbookVersions.definition, name: playbooks.name })
    .from(playbookRuns)
    .innerJoin(playbookVersions, eq(playbookVersions.id, playbookRuns.versionId))
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.tenantId, ctx.tenantId)));
  const [row] = lock ? await q.for("update", { of: playbookRuns }) : await q;
  if (!row) throw new NotFoundError("Playbook run");
  return row;
}

const isActive = (s: RunStatus) => ACTIVE_RUN_STATUSES.includes(s);

export type RunPlan =
  { go: false; status: RunStatus } | { go: true; requiresApproval: boolean; steps: PlaybookStep[] };

/** The run's first step: what it will do; a run without approval starts running now. */
export async function beginRun(
  ctx: ServiceCtx,
  input: { runId: string },
  now: Date,
): Promise<RunPlan> {
  return inTx(ctx, async (tx) => {
    const { run, definition } = await loadRun(tx, input.runId, true);
    if (!isActive(run.status)) return { go: false, status: run.status };
    const approval = definition.requiresApproval && run.approvedAt === null;
    if (run.status === "pending" && !approval) {
      await tx.db
        .update(playbookRuns)
        .set({ status: "running", startedAt: now })
        .where(eq(playbookRuns.id, run.id));
      await publish(tx, "playbookRun", [run.id]);
    }
    return { go: true, requiresApproval: approval, steps: definition.steps };
  });
}

/**
 * Puts the run in awaiting_approval and asks the supervisors: in-app and e-mail (and Slack
 * when the tenant has a webhook), each message carrying the approve and the reject link.
 */
export async function requestApproval(
  ctx: ServiceCtx,
  input: { runId: string },
  now: Date,
): Promise<{ waiting: boolean; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + APPROVAL_WAIT_HOURS * 60 * 60 * 1000);
  return inTx(ctx, async (tx) => {
    const { run, name } = await loadRun(tx, input.runId, true);
    if (run.status !== "pending") return { waiting: run.status === "awaiting_approval", expiresAt };
    const links = APPROVAL_DECISIONS.map((decision) => ({
      decision,
      ...signApprovalToken({ runId: run.id, decision, expiresAt }),
    }));
    await tx.db.insert(playbookApprovalTokens).values(
      links.map((l) => ({
        tenantId: tx.tenantId,
        runId: run.id,
        decision: l.decision,
        tokenHash: l.hash,
        expiresAt,
      })),
    );
    await tx.db
      .update(playbookRuns)
      .set({ status: "awaiting_approval" })
      .where(eq(playbookRuns.id, run.id));
    const a = await alertFacts(tx, run.alertId);
    const url = (d: string) =>
      `${appBaseUrl()}/api/playbooks/approve?token=${links.find((l) => l.decision === d)?.token ?? ""}`;
    const message = {
      subject: `Approve playbook “${name}”? ${a.title}`,
      body: [
        `${name} wants to run against ${a.type} “${a.title}” at ${a.siteName} (${a.clientName}).`,
        `Approve: ${url("approve")}`,
        `Reject: ${url("reject")}`,
        `The links work once and expire in ${APPROVAL_WAIT_HOURS} hours.`,
      ].join("\n"),
      link: `/noc?alert=${a.id}`,
      dedupeKey: `playbook-run:${run.id}:approval`,
    };
    await notifyRole(tx, { ...message, role: "supervisor" }, now);
    await notifyTenantSlack(tx, message);
    await publish(tx, "playbookRun", [run.id]);
    return { waiting: true, expiresAt };
  });
}

/**
 * After the approval wait: approved → carry on; rejected or cancelled → stop; no decision in
 * time → the run is cancelled and its links spent.
 */
export async function settleApproval(
  ctx: ServiceCtx,
  input: { runId: string; decided: boolean },
  now: Date,
): Promise<{ go: boolean; status: RunStatus }> {
  return inTx(ctx, async (tx) => {
    const { run } = await loadRun(tx, input.runId, true);
    if (run.status === "running") {
      if (!run.startedAt)
        await tx.db.update(playbookRuns).set({ startedAt: now }).where(eq(playbookRuns.id, run.id));
      return { go: true, status: run.status };
    }
    if (run.status !== "awaiting_approval") return { go: false, status: run.status };
    await tx.db
      .update(playbookRuns)
      .set({
        status: "cancelled",
        finishedAt: now,
        error: `No decision within ${APPROVAL_WAIT_HOURS} hours`,
      })
      .where(eq(playbookRuns.id, run.id));
    await tx.db
      .update(playbookApprovalTokens)
      .set({ usedAt: now })
      .where(eq(playbookApprovalTokens.runId, run.id));
    await publish(tx, "playbookRun", [run.id]);
    return { go: false, status: "cancelled" };
  });
}

/** The run reached its end (or a step stopped it): succeeded unless something already ended it. */
export async function finishRun(
  ctx: ServiceCtx,
  input: { runId: string; note?: string },
  now: Date,
): Promise<{ status: RunStatus }> {
  return inTx(ctx, async (tx) => {
    const { run } = await loadRun(tx, input.runId, true);
    if (run.status !== "running") return { status: run.status };
    await tx.db
      .update(playbookRuns)
      .set({ status: "succeeded", finishedAt: now, currentStep: null, error: input.note ?? null })
      .where(eq(playbookRuns.id, run.id));
    await publish(tx, "playbookRun", [run.id]);
    return { status: "succeeded" as const };
  });
}

/** Retries are spent (the function's onFailure): the run and its step in hand fail with the error. */
export async function failRun(
  ctx: ServiceCtx,
  input: { runId: string; error: string },
  now: Date,
): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { run } = await loadRun(tx, input.runId, true);
    if (!isActive(run.status)) return;
    const error = input.error.slice(0, 2000);
    await tx.db
      .update(playbookRuns)
      .set({ status: "failed", finishedAt: now, error })
      .where(eq(playbookRuns.id, run.id));
    await tx.db
      .update(playbookStepResults)
      .set({ status: "failed", finishedAt: now, error })
      .where(
        and(
          eq(playbookStepResults.runId, run.id),
          inArray(playbookStepResults.status, ["running", "waiting"]),
        ),
      );
    await publish(tx, "playbookRun", [run.id]);
  });
}
