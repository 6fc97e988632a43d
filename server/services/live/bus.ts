import "server-only";
import { EventEmitter, on } from "node:events";
import { isLiveTopic, LIVE_CHANNEL, type LiveEvent, type LiveTopic } from "@/lib/live-topics";
import { liveDb, onDatabaseOutage, rawSql } from "@/server/db";
import type { ServiceCtx, UserActor } from "../_core/context";
import { type LiveOut, livePushes, livePushOf, type RegisteredPush } from "./registry";
import { AccessEnded, type LiveSubscriber } from "./subscriber";

export type { LiveOut } from "./registry";

/**
 * Changes of a pushed topic (server/services/live/registry.ts: alerts) are gathered this long
 * per tenant, then read once and pushed to every open page, so pages patch what they show
 * instead of each refetching it (200 pages refetching a 200-row queue on every change was the
 * load).
 */
export const PUSH_BATCH_MS = 300;
/** More changed ids than this in one batch: pages refetch instead. */
const MAX_PUSHED_IDS = 500;
/**
 * Changes of the other topics are gathered this long per tenant and topic, then handed on as
 * one event naming every changed id: a burst (50 alerts a second each starting a playbook run,
 * an SLA run escalating thousands of tickets) reaches each open page a few times a second
 * instead of once per notification, each of which every page's stream would carry.
 */
export const COALESCE_MS = 150;

/** Ids gathered so far plus a notification's (null: "some changed", or more than the cap). */
function withIds(gathered: Set<string> | null, ids: string[] | null): Set<string> | null {
  if (gathered === null || ids === null) return null;
  for (const id of ids) gathered.add(id);
  return gathered.size > MAX_PUSHED_IDS ? null : gathered;
}

/** What a batch of a pushed topic's changes carries to the subscribers who may see it. */
type PushDelta = {
  push: RegisteredPush;
  batch: unknown;
  /** each class of subscriber's message, made once and handed to all such subscribers */
  shared: Map<string, Promise<LiveOut>>;
};
/**
 * What the bus hands its subscribers: one object per change, so that what is sent for it can
 * be encoded once for every subscriber that gets the same message (see stream.ts).
 */
type TenantEvent = { event: LiveEvent; delta?: PushDelta; gap?: true };
/** Ends every open stream: changes may have been missed (see LiveBus.gap). */
const GAP: TenantEvent = { event: { topic: "alert", ids: null }, gap: true };

/** A subscriber's access to each registered push (absent: the ids only), as last read. */
type Accesses = Map<string, { push: RegisteredPush; access: unknown; class: string }>;

async function accessesOf(ctx: ServiceCtx<UserActor>): Promise<Accesses> {
  const out: Accesses = new Map();
  for (const push of livePushes()) {
    const access = await push.access(ctx).catch(() => null); // refused, or failed: the ids only
    if (access !== null) out.set(push.topic, { push, access, class: push.accessClass(access) });
  }
  return out;
}

/** One LISTEN connection per process, fanning each tenant's changes out to its subscribers. */
class LiveBus {
  private emitter = new EventEmitter();
  private started: Promise<void> | null = null;
  /** per pushed topic and tenant: ids changed since the last push (null: too many, or unknown) */
  private batches = new Map<string, { ids: Set<string> | null; running: boolean }>();
  /** per other topic and tenant ("*": every tenant): ids changed since the last event */
  private pending = new Map<string, { ids: Set<string> | null }>();

  /** LISTEN has been set up once: a later (re-)LISTEN follows a gap */
  private listened = false;

  constructor() {
    this.emitter.setMaxListeners(0);
    onDatabaseOutage((state) => {
      // the pool holding the LISTEN connection is gone: listen again once the database is back
      this.started = null;
      if (state === "down") this.gap();
      else if (this.emitter.eventNames().length) void this.ensureListening().catch(() => undefined);
    });
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
    for (const push of livePushes()) push.forget?.(null);
    for (const name of this.emitter.eventNames()) {
      if (typeof name === "string" && name !== "error") this.emitter.emit(name, GAP);
    }
  }

  private dispatch(payload: string) {
    try {
      const msg = JSON.parse(payload) as { t?: unknown; topic?: unknown; ids?: unknown };
      if (typeof msg.t !== "string" || typeof msg.topic !== "string" || !isLiveTopic(msg.topic))
        return;
      const ids = Array.isArray(msg.ids)
        ? msg.ids.filter((x): x is string => typeof x === "string")
        : null;
      const topic = msg.topic;
      const push = msg.t === "*" ? undefined : livePushOf(topic);
      if (push) this.gather(push, msg.t, ids);
      else this.coalesce(msg.t, topic, ids);
    } catch {
      // a malformed payload is not ours; ignore it
    }
  }

  /** Gathers a non-pushed topic's changes for COALESCE_MS, then emits them as one event. */
  private coalesce(tenantId: string, topic: LiveTopic, ids: string[] | null) {
    // "*": system-wide changes (job runs), for every tenant's subscribers
    if (tenantId !== "*" && this.emitter.listenerCount(tenantId) === 0) return;
    const key = `${topic}:${tenantId}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { ids: new Set() };
      this.pending.set(key, entry);
      setTimeout(() => this.flush(key, tenantId, topic), COALESCE_MS);
    }
    entry.ids = withIds(entry.ids, ids);
  }

  private flush(key: string, tenantId: string, topic: LiveTopic) {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    if (!entry) return;
    const event: TenantEvent = { event: { topic, ids: entry.ids ? [...entry.ids] : null } };
    if (tenantId !== "*") {
      this.emitter.emit(tenantId, event);
      return;
    }
    // ("error" is not a tenant: events.on() listens to it and would throw what it gets)
    for (const name of this.emitter.eventNames()) {
      if (typeof name === "string" && name !== "error") this.emitter.emit(name, event);
    }
  }

  private gather(push: RegisteredPush, tenantId: string, ids: string[] | null) {
    if (this.emitter.listenerCount(tenantId) === 0) return; // nobody here watches this tenant
    const key = `${push.topic}:${tenantId}`;
    let batch = this.batches.get(key);
    const starting = !batch;
    batch ??= { ids: new Set(), running: false };
    this.batches.set(key, batch);
    batch.ids = withIds(batch.ids, ids);
    if (starting) setTimeout(() => void this.push(push, tenantId), PUSH_BATCH_MS);
  }

  /** Reads the batch once and hands it to the tenant's subscribers. */
  private async push(push: RegisteredPush, tenantId: string) {
    const key = `${push.topic}:${tenantId}`;
    const batch = this.batches.get(key);
    if (!batch || batch.running) return;
    const ids = batch.ids;
    batch.ids = new Set();
    batch.running = true;
    const began = performance.now();
    const event: TenantEvent = { event: { topic: push.topic, ids: ids ? [...ids] : null } };
    if (!ids) push.forget?.(tenantId);
    try {
      if (ids && this.emitter.listenerCount(tenantId) > 0) {
        const loaded = await push.load(liveDb(), tenantId, [...ids]);
        event.delta = { push, batch: loaded, shared: new Map() };
      }
    } catch {
      // the pages refetch what the event names instead
    }
    this.emitter.emit(tenantId, event);
    batch.running = false;
    // changes that arrived meanwhile go in the next batch, PUSH_BATCH_MS after this one began
    // (not after it ended: a slow read under load would stretch every change's wait by it)
    if (batch.ids === null || batch.ids.size) {
      const wait = Math.max(0, PUSH_BATCH_MS - (performance.now() - began));
      setTimeout(() => void this.push(push, tenantId), wait);
    } else {
      this.batches.delete(key);
    }
  }

  /**
   * Yields "ready" once the process listens and this subscriber is registered (so the browser
   * can refetch anything that changed before), then the tenant's events until `signal` aborts.
   * With `who`, a pushed topic's events carry the changes this subscriber may see; a change to
   * the subscriber (or to what a push's access depends on, e.g. a specialist's groups) reads
   * what they may see again, and ends the stream (throws AccessEnded) once they may no longer
   * have it.
   */
  async *subscribe(
    tenantId: string,
    signal: AbortSignal,
    who?: LiveSubscriber,
  ): AsyncGenerator<LiveOut> {
    await this.ensureListening();
    const load = async (): Promise<Accesses> => {
      if (!who) return new Map();
      let ctx: ServiceCtx<UserActor>;
      try {
        ctx = await who.signedIn();
      } catch (err) {
        if (err instanceof AccessEnded) throw err;
        return new Map(); // the page refetches what events name instead
      }
      return accessesOf(ctx);
    };
    const aboutMe = ({ topic, ids }: LiveEvent) =>
      topic === "user" && (ids === null || (who?.userId != null && ids.includes(who.userId)));
    let view = await load();
    const accessChanged = (event: LiveEvent) =>
      [...view.values()].some(({ push, access }) => push.refreshOn(event, access));
    const events = on(this.emitter, tenantId, { signal });
    yield { topic: "ready", ids: null };
    try {
      for await (const [raw] of events) {
        const { event, delta, gap } = raw as TenantEvent;
        if (gap) return;
        // their role, scope or account may have changed; what a push shows them may have
        if (aboutMe(event) || accessChanged(event)) view = await load();
        const mine = delta && view.get(delta.push.topic);
        if (delta && mine && event.ids) {
          const ids = event.ids;
          let message = delta.shared.get(mine.class);
          if (!message) {
            message = delta.push
              .build({
                db: liveDb(),
                tenantId,
                access: mine.access,
                batch: delta.batch,
                now: new Date(),
              })
              .then(
                (data): LiveOut => ({ topic: delta.push.topic, ids, ...data }),
                () => event,
              );
            delta.shared.set(mine.class, message);
          }
          yield await message;
        } else {
          yield event;
        }
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }
}

const globalForBus = globalThis as unknown as { watchfloorLiveBus?: LiveBus };
export const liveBus = (globalForBus.watchfloorLiveBus ??= new LiveBus());
