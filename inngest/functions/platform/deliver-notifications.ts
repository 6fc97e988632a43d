import { inngest } from "@/inngest/client";
import { events } from "@/server/events/schemas";
import { deliverNotifications } from "@/server/services/notifications/deliver";
import { jobContext } from "@/server/services/_core/system";

/** Sends requested e-mail and Slack notifications right away; retries are the sweep's job. */
export const deliverNotificationsFn = inngest.createFunction(
  {
    id: "deliver-notifications",
    name: "Deliver notifications",
    triggers: [events.notifyRequested],
    concurrency: { key: "event.data.tenantId", limit: 2 },
  },
  // No step: delivery claims each notification before sending it, so running the whole
  // function again after a failure sends only what was not sent; a step would only add a
  // second call to the app per request. For the same reason the time is read here, once: a
  // run without steps never replays, it runs again from the top.
  async ({ event }) => {
    const counts = await deliverNotifications(
      jobContext(event.data.tenantId, "deliver-notifications"),
      { ids: event.data.notificationIds },
      new Date(),
    );
    return {
      ...counts,
      summary: `${counts.sent} sent, ${counts.retrying} to retry, ${counts.failed} failed`,
    };
  },
);
