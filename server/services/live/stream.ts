import "server-only";
import { encodeLive } from "@/lib/live-wire";
import { type LiveOut, liveBus } from "./bus";
import type { LiveSubscriber } from "./subscriber";

/** Keeps connections open through proxies that drop idle ones; the browser also notices a dead one. */
export const LIVE_PING_MS = 15_000;
/** A subscriber this many messages behind is cut off; its browser reconnects and refetches. */
const MAX_QUEUED = 500;

const encoder = new TextEncoder();
const PING = encoder.encode(": ping\n\n");
/** Each message is encoded once, however many subscribers get it (the bus shares objects). */
const frames = new WeakMap<object, Uint8Array>();

function frame(message: LiveOut): Uint8Array {
  let bytes = frames.get(message);
  if (!bytes) {
    bytes = encoder.encode(`data: ${encodeLive(message)}\n\n`);
    frames.set(message, bytes);
  }
  return bytes;
}

/**
 * A tenant's live changes as a server-sent event stream (`text/event-stream`): each message is
 * one `data:` line of JSON (LiveOut, as lib/live-wire.ts writes it), a "ready" first. Plain bytes, encoded once per
 * message for all the pages that get it: 200 open pages cost one encoding, not 200.
 */
export function liveEventStream(
  tenantId: string,
  who: LiveSubscriber,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  if (signal.aborted) abort();
  else signal.addEventListener("abort", abort, { once: true });
  let ping: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        // the browser waits this long before reconnecting after a drop
        controller.enqueue(encoder.encode("retry: 3000\n\n"));
        ping = setInterval(() => controller.enqueue(PING), LIVE_PING_MS);
        try {
          for await (const message of liveBus.subscribe(tenantId, stop.signal, who)) {
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED) break;
            controller.enqueue(frame(message));
          }
        } catch {
          // the bus failed (database gone) or the account was deactivated: end the stream; the
          // browser reconnects, and is refused if it may no longer stream
        } finally {
          clearInterval(ping);
          signal.removeEventListener("abort", abort);
          stop.abort();
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
        }
      },
      cancel() {
        clearInterval(ping);
        stop.abort();
      },
    },
    { highWaterMark: 1 },
  );
}
