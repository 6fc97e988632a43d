import "server-only";
import { sendEvents } from "./client";
import type { AppEvent } from "./schemas";

type Pending = {
  event: AppEvent;
  /** events with the same key are merged into one before sending */
  key?: string;
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
};

type SendSoonOptions<E extends AppEvent> = {
  key?: string;
  /** the queued event of the same key with this one folded in, or null */
  merge?: (queued: AppEvent, next: E) => AppEvent | null;
};

let queue: Pending[] = [];
let sending = false;

/** Largest number of events per request (Inngest accepts far more; this keeps bodies small). */
const MAX_BATCH = 200;

/**
 * Sends an event after the commit that caused it, batched with every other event raised
 * while the previous request was in flight (group send): idle, an event goes at once; under
 * load, one request carries many, where each separate send would cost a request and the SDK's
 * per-send work. Events given the same `key` are merged with `merge` (for example, delivery
 * requests of one tenant become one request for all their notifications); `merge` returns
 * null when two cannot be merged (too large).
 */
export function sendSoon<E extends AppEvent>(
  event: E,
  options: SendSoonOptions<E> = {},
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const waiter = { resolve, reject };
    if (options.key && options.merge) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const q = queue[i];
        if (q?.key !== options.key) continue;
        const merged = options.merge(q.event, event);
        if (merged) {
          q.event = merged;
          q.waiters.push(waiter);
          flush();
          return;
        }
        break;
      }
    }
    queue.push({ event, key: options.key, waiters: [waiter] });
    flush();
  });
}

function flush(): void {
  if (sending || !queue.length) return;
  const batch = queue.slice(0, MAX_BATCH);
  queue = queue.slice(MAX_BATCH);
  sending = true;
  sendEvents(batch.map((p) => p.event))
    .then(
      () => {
        for (const p of batch) for (const w of p.waiters) w.resolve();
      },
      (err: unknown) => {
        for (const p of batch) for (const w of p.waiters) w.reject(err);
      },
    )
    .finally(() => {
      sending = false;
      flush();
    });
}
