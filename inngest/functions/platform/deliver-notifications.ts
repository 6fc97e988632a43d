import { events, inngest } from "@/inngest/client";
import { deliverNotifications } from "@/server/services/notifications/deliver";
import { systemDb } from "@/server/services/_core/system-db";

/** Sends requested e-mail and Slack notifications right away; retries are the sweep's job. */
export const deliverNotificationsFn = inngest.createFunction(
  {
    id: "deliver-notifications",
    name: "Deliver notifications",
    triggers: [events.notifyRequested],
    concurrency: { key: "event.data.tenantId", limit: 2 },
  },
  async ({ event, step }) => {
    const counts = await step.run("deliver", () =>
      deliverNotifications(systemDb(), {
        ids: event.data.notificationIds,
        tenantId: event.data.tenantId,
      }),
    );
    return {
      ...counts,
      summary: `${counts.sent} sent, ${counts.retrying} to retry, ${counts.failed} failed`,
    };
  },
);
