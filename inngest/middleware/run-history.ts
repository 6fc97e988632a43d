import { Middleware } from "inngest";
import { APP_ID } from "@/server/events/catalog";
import {
  recordInngestRunEnd,
  recordInngestRunStart,
  recordInngestStep,
} from "@/server/services/jobs/record-inngest-run";
import { summariseResult } from "@/server/services/jobs/summary";
import { platformContext } from "@/server/services/_core/system";

const seen = new Set<string>();
const history = platformContext("run-history");

/**
 * Run history in Inngest mode: Inngest keeps the runs, this mirrors start, steps and end into
 * job_runs so the jobs page reads the same table in both modes. (The embedded executor writes
 * job_runs itself, so the client only installs this middleware in Inngest mode.)
 */
export class RunHistory extends Middleware.BaseMiddleware {
  readonly id = "watchfloor-run-history";

  async onRunStart({ ctx, fn }: Middleware.OnRunStartArgs) {
    // onRunStart also fires for each request of a parallel group: record a run once
    if (seen.has(ctx.runId) && seen.size < 10_000) return;
    seen.add(ctx.runId);
    await recordInngestRunStart(history, {
      runId: ctx.runId,
      functionId: `${APP_ID}-${fn.opts.id}`,
      event: ctx.event as { id?: string; name: string; data?: Record<string, unknown> },
      attempt: ctx.attempt,
    });
  }

  async onStepComplete({ ctx, stepInfo }: Middleware.OnStepCompleteArgs) {
    await recordInngestStep(
      history,
      {
        runId: ctx.runId,
        stepId: stepInfo.hashedId,
        name: stepInfo.options.name ?? stepInfo.options.id,
        op: String(stepInfo.stepType),
        status: "completed",
        attempt: ctx.attempt,
      },
      new Date(),
    );
  }

  async onStepError({ ctx, stepInfo, error, isFinalAttempt }: Middleware.OnStepErrorArgs) {
    await recordInngestStep(
      history,
      {
        runId: ctx.runId,
        stepId: stepInfo.hashedId,
        name: stepInfo.options.name ?? stepInfo.options.id,
        op: String(stepInfo.stepType),
        status: isFinalAttempt ? "failed" : "error",
        attempt: ctx.attempt,
        error: error.message,
      },
      new Date(),
    );
  }

  async onRunComplete({ ctx, output }: Middleware.OnRunCompleteArgs) {
    seen.delete(ctx.runId);
    await recordInngestRunEnd(
      history,
      {
        runId: ctx.runId,
        status: "completed",
        result: output,
        summary: summariseResult(output),
      },
      new Date(),
    );
  }

  async onRunError({ ctx, error, isFinalAttempt }: Middleware.OnRunErrorArgs) {
    if (!isFinalAttempt) return;
    seen.delete(ctx.runId);
    await recordInngestRunEnd(
      history,
      {
        runId: ctx.runId,
        status: "failed",
        error: error.message,
      },
      new Date(),
    );
  }
}
