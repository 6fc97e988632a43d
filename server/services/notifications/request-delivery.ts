import { inngest } from "@/inngest/client";

/**
 * Asks the delivery function to send these notifications now. Fire and forget: if the event
 * cannot be sent, the every-minute sweep delivers them anyway, so a write never fails for it.
 */
export function requestDelivery(tenantId: string, notificationIds: string[]): void {
  if (!notificationIds.length) return;
  inngest
    .send({ name: "notify/requested", data: { tenantId, notificationIds } })
    .catch((err: unknown) =>
      console.warn(
        `[notifications] delivery request not sent (the sweep will deliver): ${String(err)}`,
      ),
    );
}
