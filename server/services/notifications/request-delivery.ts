import { sendSoon } from "@/inngest/send-soon";

/** The most notifications one delivery request carries (the event's schema allows 500). */
const MAX_IDS = 500;

/**
 * Asks the delivery function to send these notifications now. Requests of one tenant raised
 * while the previous request was in flight go as one (one delivery run for many alerts under
 * load). Fire and forget: if the event cannot be sent, the every-minute sweep delivers them
 * anyway, so a write never fails for it.
 */
export function requestDelivery(tenantId: string, notificationIds: string[]): void {
  for (let i = 0; i < notificationIds.length; i += MAX_IDS)
    request(tenantId, notificationIds.slice(i, i + MAX_IDS));
}

function request(tenantId: string, notificationIds: string[]): void {
  sendSoon(
    { name: "notify/requested", data: { tenantId, notificationIds } },
    {
      key: `notify/requested:${tenantId}`,
      merge: (a, b) => {
        const ids = [
          ...(a.data.notificationIds as string[]),
          ...(b.data.notificationIds as string[]),
        ];
        return ids.length <= MAX_IDS ? { ...a, data: { ...a.data, notificationIds: ids } } : null;
      },
    },
  ).catch((err: unknown) =>
    console.warn(
      `[notifications] delivery request not sent (the sweep will deliver): ${String(err)}`,
    ),
  );
}
