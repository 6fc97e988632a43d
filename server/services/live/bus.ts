import { EventEmitter, on } from "node:events";
import {
  LIVE_CHANNEL,
  LIVE_TOPICS,
  type LiveEvent,
  type LiveMessage,
  type LiveTopic,
} from "@/lib/live-topics";
import { liveDb, onDatabaseOutage, rawSql } from "@/server/db";
import { type AlertViewer, viewerKey } from "../noc/access";
import { AccessEnded, type LiveSubscriber } from "./subscriber";
import {
  type OpenCount,
  openCountsByGroup,
  openCountsFor,
  type QueueRow,
  queueRowsByIds,
  type QueueStats,
  sharedQueueTiming,
} from "../noc/queue";

/**
 * Alert changes are gathered this long per tenant, then the changed queue rows and the open
 * counts are read once and pushed to every open page, so pages patch their queue instead of
 * each refetching it (200 pages refetching a 200-row queue on every change was the load).
 */
export const ALERT_BATCH_MS = 300;
/** More changed alerts than this in one batch: pages refetch instead. */
const MAX_PUSHED_ROWS = 500;

/** What a batch of alert changes carries to pages that show the queue. */
type AlertDelta = {
  rows: QueueRow[];
  counts: OpenCount[];
  /** each kind of viewer's message, made once and handed to all such subscribers */
  shared: Map<string, Promise<LiveOut>>;
};
/**
 * What the bus hands its subscribers: one object per change, so that what is sent for it can
 * be encoded once for every subscriber that gets the same message (see stream.ts).
 */
type TenantEvent = { event: LiveEvent; delta?: AlertDelta; gap?: true };
/** Ends every open stream: changes may have been missed (see LiveBus.gap). */
const GAP: TenantEvent = { event: { topic: "alert", ids: null }, gap: true };

/**
 * A page's view of a batch of alert changes: the changed rows it may see; the ids of changed
 * alerts it may not (any copy it holds is stale: the alert left its groups); the ids of those
 * it may see that were resolved (they leave the open queue; a page listing resolved alerts
 * refetches), sent without their rows to keep the message small; and its header
 * (alert.stats: open counts as of this batch, MTTA/MTTR as shared for a few seconds).
 */
export type QueuePatch = {
  rows: QueueRow[];
  gone: string[];
  resolved: string[];
  stats: QueueStats;
};
export type LiveOut = LiveMessage | { topic: "alert"; ids: string[]; queue: QueuePatch };

async function patchFor(
  tenantId: string,
  viewer: AlertViewer,
  delta: AlertDelta,
): Promise<QueuePatch> {
  const groups = viewer.all ? null : new Set(viewer.groupIds);
  const rows: QueueRow[] = [];
  const gone: string[] = [];
  const resolved: string[] = [];
  for (const r of delta.rows) {
    if (groups && (r.assignedGroupId === null || !groups.has(r.assignedGroupId))) gone.push(r.id);
    else if (r.status === "resolved") resolved.push(r.id);
    else rows.push(r);
  }
  const timing = await sharedQueueTiming(liveDb(), tenantId, viewer, new Date());
  return {
    rows,
    gone,
    resolved,
    stats: { open: openCountsFor(viewer, delta.counts), ...timing },
  };
}

/** One LISTEN connection per process, fanning each tenant's changes out to its subscribers. */
class LiveBus {
  private emitter = new EventEmitter();
  private started: Promise<void> | null = null;
  /** per tenant: alert ids changed since the last push (null: too many, or unknown) */
  private alertBatches = new Map<string, { ids: Set<string> | null; running: boolean }>();

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
    for (const name of this.emitter.eventNames()) {
      if (typeof name === "string" && name !== "error") this.emitter.emit(name, GAP);
    }
  }

  private dispatch(payload: string) {
    try {
      const msg = JSON.parse(payload) as { t?: unknown; topic?: unknown; ids?: unknown };
      if (typeof msg.t !== "string" || typeof msg.topic !== "string" || !(msg.topic in LIVE_TOPICS))
        return;
      const ids = Array.isArray(msg.ids)
        ? msg.ids.filter((x): x is string => typeof x === "string")
        : null;
      const event: TenantEvent = { event: { topic: msg.topic as LiveTopic, ids } };
      if (msg.t === "*") {
        // system-wide changes (job runs) go to every tenant's subscribers
        // ("error" is not a tenant: events.on() listens to it and would throw what it gets)
        for (const name of this.emitter.eventNames()) {
          if (typeof name === "string" && name !== "error") this.emitter.emit(name, event);
        }
      } else if (event.event.topic === "alert") {
        this.gatherAlerts(msg.t, ids);
      } else {
        this.emitter.emit(msg.t, event);
      }
    } catch {
      // a malformed payload is not ours; ignore it
    }
  }

  private gatherAlerts(tenantId: string, ids: string[] | null) {
    if (this.emitter.listenerCount(tenantId) === 0) return; // nobody here watches this tenant
    let batch = this.alertBatches.get(tenantId);
    const starting = !batch;
    batch ??= { ids: new Set(), running: false };
    this.alertBatches.set(tenantId, batch);
    if (ids === null) batch.ids = null;
    else if (batch.ids) for (const id of ids) batch.ids.add(id);
    if (batch.ids && batch.ids.size > MAX_PUSHED_ROWS) batch.ids = null;
    if (starting) setTimeout(() => void this.pushAlerts(tenantId), ALERT_BATCH_MS);
  }

  /** Reads the batch's rows and counts once and hands them to the tenant's subscribers. */
  private async pushAlerts(tenantId: string) {
    const batch = this.alertBatches.get(tenantId);
    if (!batch || batch.running) return;
    const ids = batch.ids;
    batch.ids = new Set();
    batch.running = true;
    const event: TenantEvent = { event: { topic: "alert", ids: ids ? [...ids] : null } };
    try {
      if (ids && this.emitter.listenerCount(tenantId) > 0) {
        const [rows, counts] = await Promise.all([
          queueRowsByIds(liveDb(), tenantId, [...ids]),
          openCountsByGroup(liveDb(), tenantId),
        ]);
        event.delta = { rows, counts, shared: new Map() };
      }
    } catch {
      // the pages refetch what the event names instead
    }
    this.emitter.emit(tenantId, event);
    batch.running = false;
    // changes that arrived meanwhile go in the next batch, after a pause
    if (batch.ids === null || batch.ids.size) {
      setTimeout(() => void this.pushAlerts(tenantId), ALERT_BATCH_MS);
    } else {
      this.alertBatches.delete(tenantId);
    }
  }

  /**
   * Yields "ready" once the process listens and this subscriber is registered (so the browser
   * can refetch anything that changed before), then the tenant's events until `signal` aborts.
   * With `who`, alert events carry the changed queue rows this subscriber may see; a change to
   * the subscriber (or, for a specialist, to groups) reads what they may see again, and ends
   * the stream (throws AccessEnded) once they may no longer have it.
   */
  async *subscribe(
    tenantId: string,
    signal: AbortSignal,
    who?: LiveSubscriber,
  ): AsyncGenerator<LiveOut> {
    await this.ensureListening();
    const load = async () => {
      if (!who) return null;
      try {
        return await who.viewer();
      } catch (err) {
        if (err instanceof AccessEnded) throw err;
        return null; // the page refetches what events name instead
      }
    };
    const aboutMe = ({ topic, ids }: LiveEvent) =>
      topic === "user" && (ids === null || (who?.userId != null && ids.includes(who.userId)));
    let view = await load();
    const events = on(this.emitter, tenantId, { signal });
    yield { topic: "ready", ids: null };
    try {
      for await (const [raw] of events) {
        const { event, delta, gap } = raw as TenantEvent;
        if (gap) return;
        // their role, scope or account may have changed; a specialist's groups may have
        if (aboutMe(event) || (view && !view.all && event.topic === "group")) view = await load();
        if (delta && view && event.ids) {
          const ids = event.ids;
          const key = viewerKey(view);
          let message = delta.shared.get(key);
          if (!message) {
            message = patchFor(tenantId, view, delta).then(
              (queue): LiveOut => ({ topic: "alert", ids, queue }),
              () => event,
            );
            delta.shared.set(key, message);
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
