import { JOB_CATALOG, runRequestedEvent } from "@/server/events/catalog";
import { inngest } from "@/inngest/client";
import { runInstant } from "@/inngest/run-instant";
import { deliverNotifications } from "@/server/services/notifications/deliver";
import { makeDigests } from "@/server/services/notifications/digest";
import { platformContext } from "@/server/services/_core/system";

const job = JOB_CATALOG["send-digests"];
const platform = platformContext("send-digests");

/** Hourly: one digest e-mail per user who takes one, made from their held e-mails, then sent. */
export const sendDigestsFn = inngest.createFunction(
  {
    id: "send-digests",
    name: job.name,
    triggers: [{ cron: job.cron }, { event: runRequestedEvent("send-digests") }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await runInstant(step);
    const made = await step.run("make-digests", () => makeDigests(platform, now));
    // sent here rather than left to the sweep: a digest is due the moment it is made
    const sent = made.ids.length
      ? await step.run("deliver-digests", () =>
          deliverNotifications(platform, { ids: made.ids }, now),
        )
      : { sent: 0, retrying: 0, failed: 0 };
    return {
      digests: made.digests,
      folded: made.folded,
      sent: sent.sent,
      summary: `${made.digests} digests of ${made.folded} e-mails, ${sent.sent} sent`,
    };
  },
);
