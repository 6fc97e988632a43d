import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { events } from "@/server/events/schemas";
import { sendSoon } from "@/server/events/send-soon";

/** The most notifications one delivery request carries (the event's schema allows 500). */
const MAX_IDS = 500;

/** Delivery requests held back by `gatherDeliveryRequests`, by tenant. */
const gathering = new AsyncLocalStorage<Map<string, string[]>>();

/**
 * Asks the delivery function to send these notifications now. Requests of one tenant raised
 * while the previous request was in flight go as one (one delivery run for many alerts under
 * load). Fire and forget: if the event cannot be sent, the every-minute sweep delivers them
 * anyway, so a write never fails for it. Inside `gatherDeliveryRequests` the ids are held
 * and sent 500 at a time.
 */
export function requestDelivery(tenantId: string, notificationIds: string[]): void {
  const held = gathering.getStore();
  if (!held) return send(tenantId, notificationIds);
  const ids = [...(held.get(tenantId) ?? []), ...notificationIds];
  const full = ids.length - (ids.length % MAX_IDS);
  if (full) send(tenantId, ids.slice(0, full));
  held.set(tenantId, ids.slice(full));
}

/**
 * Runs `work` (a job that notifies about many alerts or tickets in one pass, each in its own
 * transaction) holding back its delivery requests, and sends them as requests of up to 500
 * notifications, once full and when the work ends, even if it fails. Without it, an
 * escalation clock that escalated 2,000 stale alerts asked for 2,000 delivery runs: each
 * escalation's request went out before the next one was raised.
 */
export async function gatherDeliveryRequests<T>(work: () => Promise<T>): Promise<T> {
  const held = new Map<string, string[]>();
  try {
    return await gathering.run(held, work);
  } finally {
    for (const [tenantId, ids] of held) if (ids.length) send(tenantId, ids);
  }
}

function send(tenantId: string, notificationIds: string[]): void {
  for (let i = 0; i < notificationIds.length; i += MAX_IDS)
    request(tenantId, notificationIds.slice(i, i + MAX_IDS));
}

function request(tenantId: string, notificationIds: string[]): void {
  const { name } = events.notifyRequested;
  sendSoon(
    { name, data: { tenantId, notificationIds } },
    {
      key: `${name}:${tenantId}`,
      merge: (queued, next) => {
        if (queued.name !== name) return null;
        const ids = [...queued.data.notificationIds, ...next.data.notificationIds];
        return ids.length <= MAX_IDS
          ? { ...queued, data: { ...queued.data, notificationIds: ids } }
          : null;
      },
    },
  ).catch((err: unknown) =>
    console.warn(
      `[notifications] delivery request not sent (the sweep will deliver): ${String(err)}`,
    ),
  );
}
