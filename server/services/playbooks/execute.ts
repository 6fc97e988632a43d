import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { OnTimeout, StepKind, StepStatus } from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { escalateAlert } from "../noc/actions";
import { performStep } from "./actions";
import { alertFacts } from "./alert-facts";
import { readCondition } from "./conditions";
import { loadRun } from "./run-state";

const { playbookRuns, playbookStepResults } = schema;

/** What the function does after a step: go on, or stop the run here. */
export type StepOutcome = { stop: boolean; status: StepStatus; summary: string };

type StepRow = typeof playbookStepResults.$inferSelect;

async function stepRow(ctx: ServiceCtx, runId: string, index: number): Promise<StepRow | null> {
  const [row] = await ctx.db
    .select()
    .from(playbookStepResults)
    .where(and(eq(playbookStepResults.runId, runId), eq(playbookStepResults.stepIndex, index)));
  return row ?? null;
}

async function saveStep(
  ctx: ServiceCtx,
  key: { runId: string; index: number; kind: StepKind },
  set: Partial<Omit<StepRow, "id" | "runId" | "stepIndex" | "tenantId" | "kind">>,
) {
  await ctx.db
    .insert(playbookStepResults)
    .values({
      tenantId: ctx.tenantId,
      runId: key.runId,
      stepIndex: key.index,
      kind: key.kind,
      ...set,
    })
    .onConflictDoUpdate({
      target: [playbookStepResults.runId, playbookStepResults.stepIndex],
      set,
    });
}

/** The last condition that held in this run before `index`: the signal a resolution rests on. */
async function lastSignal(ctx: ServiceCtx, runId: string, index: number) {
  const [row] = await ctx.db
    .select({ output: playbookStepResults.output })
    .from(playbookStepResults)
    .where(
      and(
        eq(playbookStepResults.runId, runId),
        eq(playbookStepResults.kind, "wait_for_condition"),
        eq(playbookStepResults.status, "succeeded"),
        lt(playbookStepResults.stepIndex, index),
      ),
    )
    .orderBy(desc(playbookStepResults.stepIndex))
    .limit(1);
  return row?.output ?? null;
}

const stopped = (status: string): StepOutcome => ({
  stop: true,
  status: "skipped",
  summary: `run ${status}`,
});

/**
 * Carries out step `index` of a running run, once: a step already done is not done again (a
 * replay after a crash), and its work and its record commit together. A failure is recorded
 * on the step (attempt, error) and thrown for the function to retry.
 */
export async function executeStep(
  ctx: ServiceCtx,
  input: { runId: string; index: number },
  now: Date,
): Promise<StepOutcome> {
  const { run, definition, name } = await loadRun(ctx, input.runId);
  const step = definition.steps[input.index];
  if (!step) throw new Error(`The run's version has no step ${input.index + 1}`);
  const key = { runId: run.id, index: input.index, kind: step.kind };
  const before = await stepRow(ctx, run.id, input.index);
  if (before?.status === "succeeded") return { stop: false, status: "succeeded", summary: "done" };
  if (run.status !== "running") return stopped(run.status);
  await inTx(ctx, async (tx) => {
    await saveStep(tx, key, {
      status: "running",
      attempt: (before?.attempt ?? 0) + 1,
      startedAt: before?.startedAt ?? now,
      error: null,
    });
    await tx.db
      .update(playbookRuns)
      .set({ currentStep: input.index })
      .where(eq(playbookRuns.id, run.id));
    await publish(tx, "playbookRun", [run.id]);
  });
  try {
    return await inTx(ctx, async (tx) => {
      const alert = await alertFacts(tx, run.alertId);
      const signal = await lastSignal(tx, run.id, input.index);
      const done = await performStep(
        tx,
        { runId: run.id, index: input.index, step, alert, playbookName: name, signal },
        now,
      );
      const status: StepStatus = done.refused ? "failed" : "succeeded";
      await saveStep(tx, key, {
        status,
        finishedAt: now,
        output: done.output,
        error: done.refused ?? null,
      });
      await tx.db
        .update(playbookRuns)
        .set({
          currentStep: input.index,
          ...(done.refused
            ? { status: "failed" as const, finishedAt: now, error: done.refused }
            : {}),
          ...(done.ticketId ? { ticketId: done.ticketId } : {}),
          ...(done.resolvedAlert ? { resolvedAlert: true } : {}),
        })
        .where(eq(playbookRuns.id, run.id));
      await publish(tx, "playbookRun", [run.id]);
      return { stop: Boolean(done.refused), status, summary: done.refused ?? "done" };
    });
  } catch (err) {
    await saveStep(ctx, key, {
      error: err instanceof Error ? err.message.slice(0, 2000) : String(err),
    });
    await publish(ctx, "playbookRun", [run.id]);
    throw err;
  }
}

/**
 * One poll of a wait_for_condition step (`check` counts from 0): records the reading on the
 * step; a condition that holds ends the step.
 */
export async function checkCondition(
  ctx: ServiceCtx,
  input: { runId: string; index: number; check: number },
  now: Date,
): Promise<{ stop: boolean; met: boolean; summary: string }> {
  const { run, definition } = await loadRun(ctx, input.runId);
  const step = definition.steps[input.index];
  if (step?.kind !== "wait_for_condition") throw new Error(`Step ${input.index + 1} is not a wait`);
  if (run.status !== "running") return { stop: true, met: false, summary: `run ${run.status}` };
  const before = await stepRow(ctx, run.id, input.index);
  if (before?.status === "succeeded") return { stop: false, met: true, summary: "done" };
  const alert = await alertFacts(ctx, run.alertId);
  const reading = await readCondition(ctx, step.condition, alert, run.ticketId, now);
  await inTx(ctx, async (tx) => {
    await saveStep(
      tx,
      { runId: run.id, index: input.index, kind: step.kind },
      {
        status: reading.met ? "succeeded" : "waiting",
        attempt: input.check + 1,
        startedAt: before?.startedAt ?? now,
        finishedAt: reading.met ? now : null,
        output: {
          condition: step.condition,
          checks: input.check + 1,
          met: reading.met,
          summary: reading.summary,
          value: reading.value,
          at: now.toISOString(),
        },
      },
    );
    await tx.db
      .update(playbookRuns)
      .set({ currentStep: input.index })
      .where(eq(playbookRuns.id, run.id));
    await publish(tx, "playbookRun", [run.id]);
  });
  return { stop: false, met: reading.met, summary: reading.summary };
}

/** The wait ran out: the step is marked timed out and its on_timeout branch taken. */
export async function conditionTimedOut(
  ctx: ServiceCtx,
  input: { runId: string; index: number },
  now: Date,
): Promise<{ stop: boolean; onTimeout: OnTimeout }> {
  const { run, definition, name } = await loadRun(ctx, input.runId);
  const step = definition.steps[input.index];
  if (step?.kind !== "wait_for_condition") throw new Error(`Step ${input.index + 1} is not a wait`);
  if (run.status !== "running") return { stop: true, onTimeout: step.onTimeout };
  const before = await stepRow(ctx, run.id, input.index);
  if (before?.status === "timed_out")
    return { stop: step.onTimeout !== "continue", onTimeout: step.onTimeout };
  await inTx(ctx, async (tx) => {
    if (step.onTimeout === "escalate") {
      const alert = await alertFacts(tx, run.alertId);
      if (alert.status !== "resolved")
        await escalateAlert(
          tx,
          {
            id: run.alertId,
            reason: `playbook ${name}: waited ${step.timeoutMinutes} min, condition not met`,
          },
          now,
        );
    }
    await saveStep(
      tx,
      { runId: run.id, index: input.index, kind: step.kind },
      {
        status: "timed_out",
        finishedAt: now,
        output: { ...(before?.output ?? {}), timedOut: true, onTimeout: step.onTimeout },
      },
    );
    await publish(tx, "playbookRun", [run.id]);
  });
  return { stop: step.onTimeout !== "continue", onTimeout: step.onTimeout };
}

/** A step whose runIf did not match how the last wait ended: recorded as skipped. */
export async function skipStep(
  ctx: ServiceCtx,
  input: { runId: string; index: number; because: string },
  now: Date,
): Promise<void> {
  const { run, definition } = await loadRun(ctx, input.runId);
  const step = definition.steps[input.index];
  if (!step || run.status !== "running") return;
  await inTx(ctx, async (tx) => {
    await saveStep(
      tx,
      { runId: run.id, index: input.index, kind: step.kind },
      { status: "skipped", finishedAt: now, output: { skipped: input.because } },
    );
    await publish(tx, "playbookRun", [run.id]);
  });
}
