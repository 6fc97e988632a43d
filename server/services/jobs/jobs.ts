import { and, desc, eq, isNull, or } from "drizzle-orm";
import { APP_ID, JOB_CATALOG, JOB_IDS, runRequestedEvent, type JobId } from "@/inngest/catalog";
import { inngest } from "@/inngest/client";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx, UserActor } from "../_core/context";
import { NotFoundError, UnavailableError, ValidationError } from "../_core/errors";
import { nextCronTime, parseCron } from "./cron";

const { jobRuns, jobRunSteps } = schema;

/** Runs this tenant may see: its own, and system-wide ones (sweeps over every tenant). */
const visible = (ctx: ServiceCtx) =>
  or(isNull(jobRuns.tenantId), eq(jobRuns.tenantId, ctx.tenantId));

const runColumns = {
  id: jobRuns.id,
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
      lastRun: latest[i]?.[0] ?? null,
    };
  });
}

export async function listRuns(ctx: ServiceCtx, input: { jobId?: JobId; limit: number }) {
  return ctx.db
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
  return { ...run, steps };
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
    ({ ids } = await inngest.send({
      name: runRequestedEvent(input.jobId),
      data: { requestedBy: ctx.actor.userId, tenantId: ctx.tenantId },
    }));
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
