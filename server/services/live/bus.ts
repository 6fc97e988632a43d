import { EventEmitter, on } from "node:events";
import {
  LIVE_CHANNEL,
  LIVE_TOPICS,
  type LiveEvent,
  type LiveMessage,
  type LiveTopic,
} from "@/lib/live-topics";
import { rawSql } from "@/server/db";

/** One LISTEN connection per process, fanning each tenant's changes out to its subscribers. */
class LiveBus {
  private emitter = new EventEmitter();
  private started: Promise<void> | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  private ensureListening(): Promise<void> {
    this.started ??= rawSql()
      .listen(LIVE_CHANNEL, (payload) => this.dispatch(payload))
      .then(() => undefined)
      .catch((err: unknown) => {
        this.started = null;
        throw err;
      });
    return this.started;
  }

  private dispatch(payload: string) {
    try {
      const msg = JSON.parse(payload) as { t?: unknown; topic?: unknown; ids?: unknown };
      if (typeof msg.t !== "string" || typeof msg.topic !== "string" || !(msg.topic in LIVE_TOPICS))
        return;
      const ids = Array.isArray(msg.ids)
        ? msg.ids.filter((x): x is string => typeof x === "string")
        : null;
      const event = { topic: msg.topic as LiveTopic, ids } satisfies LiveEvent;
      if (msg.t === "*") {
        // system-wide changes (job runs) go to every tenant's subscribers
        // ("error" is not a tenant: events.on() listens to it and would throw what it gets)
        for (const name of this.emitter.eventNames()) {
          if (typeof name === "string" && name !== "error") this.emitter.emit(name, event);
        }
      } else {
        this.emitter.emit(msg.t, event);
      }
    } catch {
      // a malformed payload is not ours; ignore it
    }
  }

  /**
   * Yields "ready" once the process listens and this subscriber is registered (so the browser
   * can refetch anything that changed before), then the tenant's events until `signal` aborts.
   */
  async *subscribe(tenantId: string, signal: AbortSignal): AsyncGenerator<LiveMessage> {
    await this.ensureListening();
    const events = on(this.emitter, tenantId, { signal });
    yield { topic: "ready", ids: null };
    try {
      for await (const [event] of events) {
        yield event as LiveEvent;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }
}

const globalForBus = globalThis as unknown as { watchfloorLiveBus?: LiveBus };
export const liveBus = (globalForBus.watchfloorLiveBus ??= new LiveBus());
