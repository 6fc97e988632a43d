import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { pruneJobHistory } from "@/server/services/jobs/prune";
import { platformContext } from "@/server/services/_core/system";
import { pruneTicketPredictions } from "@/server/services/sla/predict";

const job = JOB_CATALOG["prune-job-history"];
const platform = platformContext("prune-job-history");

export const pruneJobHistoryFn = inngest.createFunction(
  {
    id: "prune-job-history",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("prune-job-history") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const removed = await step.run("prune", () => pruneJobHistory(platform, now));
    const predictions = await step.run("prune-sla-predictions", () =>
      pruneTicketPredictions(platform, now),
    );
    return {
      ...removed,
      predictions,
      summary: `removed ${removed.runs} runs, ${removed.events} events, ${removed.ticks} cron ticks, ${predictions} old SLA predictions`,
    };
  },
);
