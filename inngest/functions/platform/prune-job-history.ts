import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { pruneJobHistory } from "@/server/services/jobs/prune";
import { systemDb } from "@/server/services/_core/system-db";
import { pruneTicketPredictions } from "@/server/services/sla/predict";

const job = JOB_CATALOG["prune-job-history"];

export const pruneJobHistoryFn = inngest.createFunction(
  {
    id: "prune-job-history",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("prune-job-history") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const removed = await step.run("prune", () => pruneJobHistory(systemDb(), now));
    const predictions = await step.run("prune-sla-predictions", () =>
      pruneTicketPredictions(systemDb(), now),
    );
    return {
      ...removed,
      predictions,
      summary: `removed ${removed.runs} runs, ${removed.events} events, ${removed.ticks} cron ticks, ${predictions} old SLA predictions`,
    };
  },
);
