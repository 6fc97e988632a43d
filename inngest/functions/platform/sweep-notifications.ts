import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { deliverNotifications } from "@/server/services/notifications/deliver";
import { platformContext } from "@/server/services/_core/system";

const job = JOB_CATALOG["sweep-notifications"];
const platform = platformContext("sweep-notifications");

/** Every minute: delivers whatever is due — retries after an outage, and anything not yet sent. */
export const sweepNotificationsFn = inngest.createFunction(
  {
    id: "sweep-notifications",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("sweep-notifications") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const counts = await step.run("deliver-due", () =>
      deliverNotifications(platform, { limit: 500 }, now),
    );
    return {
      ...counts,
      summary: `${counts.sent} sent, ${counts.retrying} to retry, ${counts.failed} failed`,
    };
  },
);
