import "server-only";
import { isLiveTopic, LIVE_CHANNEL, type LiveEvent } from "@/lib/live-topics";
import { liveDb, onDatabaseOutage, rawSql } from "@/server/db";
import { type LiveSink, type TenantEvent, TenantFanOut } from "./fan-out";
import { type LiveOut, livePushes, livePushOf, type RegisteredPush } from "./registry";
import type { LiveSubscriber } from "./subscriber";

export type { LiveOut } from "./registry";
export type { LiveSink } from "./fan-out";

/**
 * Changes of a pushed topic (server/services/live/registry.ts: alerts) are gathered this long
 * per tenant, then read once and pushed to every open page, so pages patch what they show
 * instead of each refetching it (200 pages refetching a 200-row queue on every change was the
 * load).
 */
export const PUSH_BATCH_MS = 300;
/** More changed ids than this in one batch: pages refetch instead. */
const MAX_PUSHED_IDS = 500;

/** One LISTEN connection per process, fanning each tenant's changes out to its subscribers. */
class LiveBus {
  private started: Promise<void> | null = null;
  /** per tenant: its open streams in this process */
  private tenants = new Map<string, TenantFanOut>();
  /** per pushed topic and tenant: ids changed since the last push (null: too many, or unknown) */
  private batches = new Map<string, { ids: Set<string> | null; running: boolean }>();

  /** LISTEN has been set up once: a later (re-)LISTEN follows a gap */
  private listened = false;

  constructor() {
    onDatabaseOutage((state) => {
      // the pool holding the LISTEN connection is gone: listen again once the database is back
      this.started = null;
      if (state === "down") this.gap();
      else if (this.watched().length) void this.ensureListening().catch(() => undefined);
    });
  }

  private watched(): TenantFanOut[] {
    return [...this.tenants.values()].filter((t) => t.size > 0);
  }

  private ensureListening(): Promise<void> {
    this.started ??= Promise.resolve()
      .then(() =>
        rawSql().listen(
          LIVE_CHANNEL,
          (payload) => this.dispatch(payload),
          // postgres.js LISTENs again by itself after losing the connection: whatever was
          // published meanwhile never reached us
          () => {
            if (this.listened) this.gap();
            this.listened = true;
          },
        ),
      )
      .then(() => undefined)
      .catch((err: unknown) => {
        this.started = null;
        throw err;
      });
    return this.started;
  }

  /**
   * The LISTEN connection was lost (or the database is gone): changes made meanwhile were
   * never heard. Every open stream ends, so each browser reconnects (a "ready" on the new
   * stream refetches what is on screen) or, while the database is down, shows that its live
   * updates are off.
   */
  private gap() {
    for (const push of livePushes()) push.lost?.(null);
    for (const t of this.tenants.values()) t.endAll();
  }

  private dispatch(payload: string) {
    try {
      const msg = JSON.parse(payload) as { t?: unknown; topic?: unknown; ids?: unknown };
      if (typeof msg.t !== "string" || typeof msg.topic !== "string" || !isLiveTopic(msg.topic))
        return;
      const ids = Array.isArray(msg.ids)
        ? msg.ids.filter((x): x is string => typeof x === "string")
        : null;
      const event: LiveEvent = { topic: msg.topic, ids };
      if (msg.t === "*") {
        // system-wide changes (job runs) go to every tenant's subscribers
        for (const t of this.watched()) t.deliver({ event });
        return;
      }
      const push = livePushOf(event.topic);
      if (push) this.gather(push, msg.t, ids);
      else this.tenants.get(msg.t)?.deliver({ event });
    } catch {
      // a malformed payload is not ours; ignore it
    }
  }

  private gather(push: RegisteredPush, tenantId: string, ids: string[] | null) {
    if (!this.tenants.get(tenantId)?.size) return; // nobody here watches this tenant
    const key = `${push.topic}:${tenantId}`;
    let batch = this.batches.get(key);
    const starting = !batch;
    batch ??= { ids: new Set(), running: false };
    this.batches.set(key, batch);
    if (ids === null) batch.ids = null;
    else if (batch.ids) for (const id of ids) batch.ids.add(id);
    if (batch.ids && batch.ids.size > MAX_PUSHED_IDS) batch.ids = null;
    if (starting) setTimeout(() => void this.push(push, tenantId), PUSH_BATCH_MS);
  }

  /**
   * Reads the batch once and hands it to the tenant's subscribers. Batches start PUSH_BATCH_MS
   * apart (counted from the start of the last, so a slow read does not stretch the interval
   * by its own length), and never two at once.
   */
  private async push(push: RegisteredPush, tenantId: string) {
    const key = `${push.topic}:${tenantId}`;
    const batch = this.batches.get(key);
    if (!batch || batch.running) return;
    const started = Date.now();
    const ids = batch.ids;
    batch.ids = new Set();
    batch.running = true;
    const event: TenantEvent = { event: { topic: push.topic, ids: ids ? [...ids] : null } };
    const tenant = this.tenants.get(tenantId);
    try {
      if (!ids) push.lost?.(tenantId);
      else if (tenant?.size) {
        const loaded = await push.load(liveDb(), tenantId, [...ids], new Date(started));
        event.delta = { push, batch: loaded };
      }
    } catch {
      // the pages refetch what the event names instead
      push.lost?.(tenantId);
    }
    tenant?.deliver(event);
    batch.running = false;
    // changes that arrived meanwhile go in the next batch
    if (batch.ids === null || batch.ids.size) {
      const wait = Math.max(0, started + PUSH_BATCH_MS - Date.now());
      setTimeout(() => void this.push(push, tenantId), wait);
    } else {
      this.batches.delete(key);
    }
  }

  /**
   * Registers a stream of the tenant's changes: `sink` gets "ready" once the process listens
   * and the stream is registered (so the browser can refetch anything that changed before),
   * then each change, until `signal` aborts or the bus ends it (`sink.end`). With `who`, a
   * pushed topic's changes carry what this subscriber may see; a change to the subscriber (or
   * to what a push's access depends on, e.g. a specialist's groups) reads what they may see
   * again, and ends the stream once they may no longer have it. Rejects when the bus cannot
   * listen, or with AccessEnded.
   */
  async attach(
    tenantId: string,
    sink: LiveSink,
    signal: AbortSignal,
    who?: LiveSubscriber,
  ): Promise<void> {
    await this.ensureListening();
    if (signal.aborted) return;
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = new TenantFanOut(tenantId);
      this.tenants.set(tenantId, tenant);
    }
    const detach = await tenant.add(sink, who);
    if (signal.aborted) detach();
    else signal.addEventListener("abort", detach, { once: true });
  }

  /** attach, as an async iterator of messages (scripts and tests); it ends when the bus ends it. */
  async *subscribe(
    tenantId: string,
    signal: AbortSignal,
    who?: LiveSubscriber,
  ): AsyncGenerator<LiveOut> {
    const queue: LiveOut[] = [];
    let ended = false;
    let wake: (() => void) | null = null;
    const finish = () => {
      ended = true;
      wake?.();
    };
    const stop = new AbortController();
    const aborted = () => {
      stop.abort();
      finish();
    };
    signal.addEventListener("abort", aborted, { once: true });
    const sink: LiveSink = {
      send: (message) => {
        queue.push(message);
        wake?.();
      },
      end: finish,
    };
    try {
      await this.attach(tenantId, sink, stop.signal, who);
      for (;;) {
        const next = queue.shift();
        if (next) yield next;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      signal.removeEventListener("abort", aborted);
      stop.abort();
    }
  }
}

const globalForBus = globalThis as unknown as { watchfloorLiveBus?: LiveBus };
export const liveBus = (globalForBus.watchfloorLiveBus ??= new LiveBus());
