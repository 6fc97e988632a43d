import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { events, type AppEvent } from "@/server/events/schemas";
import { dueScorecards } from "@/server/services/scorecards/schedule";
import { platformContext } from "@/server/services/_core/system";

const job = JOB_CATALOG["monthly-scorecards"];
const SEND_BATCH = 200;

/**
 * Hourly, so that each tenant's 1st at 03:00 is met in its own time zone; fans out one
 * generate-scorecard run per client. The event id makes a repeated tick the same request.
 */
export const monthlyScorecardsFn = inngest.createFunction(
  {
    id: "monthly-scorecards",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("monthly-scorecards") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const due = await step.run("find-due", () =>
      dueScorecards(platformContext("monthly-scorecards"), now),
    );
    for (let i = 0; i < due.length; i += SEND_BATCH) {
      await step.sendEvent(
        `request-${i / SEND_BATCH}`,
        due.slice(i, i + SEND_BATCH).map((d): AppEvent => ({
          id: `scorecard-${d.clientId}-${d.month}`,
          name: events.scorecardRequested.name,
          data: { ...d, email: true },
        })),
      );
    }
    return { requested: due.length, summary: `${due.length} scorecards requested` };
  },
);
