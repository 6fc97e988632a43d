import "server-only";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import {
  APP_ID,
  JOB_CATALOG,
  JOB_IDS,
  runRequestedEvent,
  type JobId,
} from "@/server/events/catalog";
import { sendEvents } from "@/server/events/client";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx, UserActor } from "../_core/context";
import { NotFoundError, UnavailableError, ValidationError } from "../_core/errors";
import { nextCronTime, parseCron } from "./cron";

const { jobRuns, jobRunSteps } = schema;

/** Runs this tenant may see: its own, and system-wide ones (sweeps over every tenant). */
const visible = (ctx: ServiceCtx) =>
  or(isNull(jobRuns.tenantId), eq(jobRuns.tenantId, ctx.tenantId));

const SWEEPS = new Set<string>(
  JOB_IDS.filter((id) => JOB_CATALOG[id].cron).map((id) => `${APP_ID}-${id}`),
);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export const SHARED_RUN_SUMMARY = "Ran for every tenant: only your tenant's steps are shown";

/**
 * A run over every tenant (a scheduled sweep, even when a tenant's "Run now" started it, or a
 * run of no tenant) names tenants in its step names and totals them in its summary and
 * result. A tenant sees such a run without those: its own steps, no totals, no event data.
 */
function isShared(run: { tenantId: string | null; functionId: string }): boolean {
  return run.tenantId === null || SWEEPS.has(run.functionId);
}

function namesAnotherTenant(text: string | null, tenantId: string): boolean {
  return [...(text ?? "").matchAll(UUID)].some((m) => m[0].toLowerCase() !== tenantId);
}

function tenantView<
  R extends { tenantId: string | null; functionId: string; error: string | null },
>(ctx: ServiceCtx, run: R) {
  const { tenantId, ...rest } = run;
  if (!isShared({ tenantId, functionId: run.functionId })) return { ...rest, shared: false };
  return {
    ...rest,
    summary: SHARED_RUN_SUMMARY,
    error: namesAnotherTenant(run.error, ctx.tenantId) ? "A step failed" : run.error,
    shared: true,
  };
}

const runColumns = {
  id: jobRuns.id,
  tenantId: jobRuns.tenantId,
  mode: jobRuns.mode,
  functionId: jobRuns.functionId,
  trigger: jobRuns.trigger,
  triggerDetail: jobRuns.triggerDetail,
  status: jobRuns.status,
  attempt: jobRuns.attempt,
  summary: jobRuns.summary,
  error: jobRuns.error,
  wakeAt: jobRuns.wakeAt,
  startedAt: jobRuns.startedAt,
  endedAt: jobRuns.endedAt,
};

export async function listJobs(ctx: ServiceCtx, now: Date) {
  const latest = await Promise.all(
    JOB_IDS.map((id) =>
      ctx.db
        .select(runColumns)
        .from(jobRuns)
        .where(and(eq(jobRuns.functionId, `${APP_ID}-${id}`), visible(ctx)))
        .orderBy(desc(jobRuns.startedAt))
        .limit(1),
    ),
  );
  return JOB_IDS.map((id, i) => {
    const job = JOB_CATALOG[id];
    const lastRun = latest[i]?.[0];
    const cron = job.cron ? parseCron(job.cron) : null;
    return {
      id,
      functionId: `${APP_ID}-${id}`,
      name: job.name,
      description: job.description,
      cron: cron ? { expression: cron.expression, timezone: cron.timezone ?? "UTC" } : null,
      events: [...job.events],
      nextRunAt: job.cron ? nextCronTime(job.cron, now) : null,
      canRunNow: Boolean(job.cron),
      lastRun: lastRun ? tenantView(ctx, lastRun) : null,
    };
  });
}

export async function listRuns(ctx: ServiceCtx, input: { jobId?: JobId; limit: number }) {
  const runs = await ctx.db
    .select(runColumns)
    .from(jobRuns)
    .where(
      and(
        visible(ctx),
        input.jobId ? eq(jobRuns.functionId, `${APP_ID}-${input.jobId}`) : undefined,
      ),
    )
    .orderBy(desc(jobRuns.startedAt))
    .limit(input.limit);
  return runs.map((r) => tenantView(ctx, r));
}

export async function getRun(ctx: ServiceCtx, id: string) {
  const [run] = await ctx.db
    .select({ ...runColumns, result: jobRuns.result, event: jobRuns.event })
    .from(jobRuns)
    .where(and(eq(jobRuns.id, id), visible(ctx)));
  if (!run) throw new NotFoundError("Run");
  const steps = await ctx.db
    .select()
    .from(jobRunSteps)
    .where(eq(jobRunSteps.runId, id))
    .orderBy(jobRunSteps.id);
  const { result, event, ...rest } = run;
  const view = tenantView(ctx, rest);
  if (!view.shared) return { ...view, result, event, steps };
  return {
    ...view,
    result: null,
    event: { name: typeof event.name === "string" ? event.name : "" },
    steps: steps.filter(
      (s) =>
        !namesAnotherTenant(s.name, ctx.tenantId) && !namesAnotherTenant(s.error, ctx.tenantId),
    ),
  };
}

/** "Run now": sends the job's run-requested event; the run shows up on the page when it starts. */
export async function runJobNow(ctx: ServiceCtx<UserActor>, input: { jobId: JobId }) {
  if (!JOB_CATALOG[input.jobId].cron) {
    throw new ValidationError(
      `${JOB_CATALOG[input.jobId].name} runs when its event arrives; it cannot be run by hand`,
    );
  }
  let ids: string[];
  try {
    ids = await sendEvents([
      {
        name: runRequestedEvent(input.jobId),
        data: { requestedBy: ctx.actor.userId, tenantId: ctx.tenantId },
      },
    ]);
  } catch (err) {
    throw new UnavailableError(
      `The background executor did not accept the request (${err instanceof Error ? err.message : "unreachable"}). Is it running?`,
    );
  }
  await recordAudit(ctx, {
    action: "job.run_now",
    entityType: "job",
    entityId: input.jobId,
    after: { eventId: ids[0] ?? null },
  });
  return { eventId: ids[0] ?? null };
}
