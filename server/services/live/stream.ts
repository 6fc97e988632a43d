import "server-only";
import { encodeLive } from "@/lib/live-wire";
import { type LiveOut, liveBus, type LiveSink } from "./bus";
import type { LiveSubscriber } from "./subscriber";

/** Keeps connections open through proxies that drop idle ones; the browser also notices a dead one. */
export const LIVE_PING_MS = 15_000;
/** A subscriber this many bytes behind is cut off; its browser reconnects and refetches. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();
const RETRY = encoder.encode("retry: 3000\n\n");
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

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * A tenant's live changes as a server-sent event stream (`text/event-stream`): each message is
 * one `data:` line of JSON (LiveOut, as lib/live-wire.ts writes it), a "ready" first. Plain
 * bytes, encoded once per message for all the pages that get it: 200 open pages cost one
 * encoding, not 200.
 *
 * The bus hands messages over synchronously (server/services/live/fan-out.ts); they wait here
 * until the response asks for more, and go out together: a page whose connection (or the
 * server) is slower than the changes gets fewer, larger writes instead of falling behind by
 * one chunk per change.
 */
export function liveEventStream(
  tenantId: string,
  who: LiveSubscriber,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  let pending: Uint8Array[] = [RETRY]; // the browser waits this long before reconnecting
  let pendingBytes = 0;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    signal.removeEventListener("abort", finish);
    stop.abort();
    notify();
  };
  const add = (bytes: Uint8Array) => {
    if (ended) return;
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
    if (pendingBytes > MAX_PENDING_BYTES) {
      pending = [];
      finish();
    } else notify();
  };
  const ping = setInterval(() => add(PING), LIVE_PING_MS);
  if (signal.aborted) finish();
  else signal.addEventListener("abort", finish, { once: true });
  const sink: LiveSink = { send: (message) => add(frame(message)), end: finish };
  // the bus failed (database gone) or the account was deactivated: end the stream; the browser
  // reconnects, and is refused if it may no longer stream
  if (!ended) liveBus.attach(tenantId, sink, stop.signal, who).catch(finish);
  /** Hands over what is pending, if anything. */
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (!pending.length) return false;
    controller.enqueue(concat(pending));
    pending = [];
    pendingBytes = 0;
    return true;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (!flush(controller)) {
          if (ended) return controller.close();
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      cancel: finish,
    },
    { highWaterMark: 0 },
  );
}
