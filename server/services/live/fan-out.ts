import "server-only";
import type { LiveEvent, LiveMessage } from "@/lib/live-topics";
import { liveDb } from "@/server/db";
import type { ServiceCtx, UserActor } from "../_core/context";
import { type LiveOut, livePushes, type RegisteredPush } from "./registry";
import { AccessEnded, type LiveSubscriber } from "./subscriber";

/** Where the bus hands one open stream its messages. */
export type LiveSink = {
  /**
   * A message. Every subscriber that gets the same message gets the same object, so that what
   * is sent for it can be encoded once for all of them (see stream.ts).
   */
  send(message: LiveOut): void;
  /** The stream ends: changes may have been missed, or the subscriber may no longer stream. */
  end(): void;
};

/** What a batch of a pushed topic's changes carries to the subscribers who may see it. */
export type PushDelta = { push: RegisteredPush; batch: unknown };
/** One change as the bus hands it to a tenant's subscribers. */
export type TenantEvent = { event: LiveEvent; delta?: PushDelta };

const READY: LiveMessage = { topic: "ready", ids: null };

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

/** What a subscriber may see of the pushes, read now; throws AccessEnded once they may not stream. */
async function viewOf(who: LiveSubscriber | undefined): Promise<Accesses> {
  if (!who) return new Map();
  let ctx: ServiceCtx<UserActor>;
  try {
    ctx = await who.signedIn();
  } catch (err) {
    if (err instanceof AccessEnded) throw err;
    return new Map(); // the page refetches what events name instead
  }
  return accessesOf(ctx);
}

type Subscriber = { who?: LiveSubscriber; view: Accesses; sink: LiveSink };

/**
 * A tenant's open streams in one process. Changes are handed out one at a time, in order. A
 * pushed change's message is built once per class of viewer (LivePush.accessClass) and the
 * same object handed to every subscriber of that class, synchronously: the work per change
 * and subscriber is one call, with no promise or async iterator of its own (200 open pages,
 * each awaiting every change through an iterator, a generator and a stream, were most of the
 * app's time at 50 alerts a second).
 */
export class TenantFanOut {
  private subs = new Set<Subscriber>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly tenantId: string) {}

  get size(): number {
    return this.subs.size;
  }

  /** Registers a stream, sends it "ready", and returns how to unregister it; throws AccessEnded. */
  async add(sink: LiveSink, who?: LiveSubscriber): Promise<() => void> {
    const sub: Subscriber = { who, view: await viewOf(who), sink };
    this.subs.add(sub);
    sink.send(READY);
    return () => this.subs.delete(sub);
  }

  /** Hands a change to every subscriber, after the changes before it. */
  deliver(e: TenantEvent): void {
    this.queue = this.queue.then(() => this.fanOut(e)).catch(() => undefined);
  }

  /** Ends every stream (changes may have been missed: each browser reconnects and refetches). */
  endAll(): void {
    const subs = [...this.subs];
    this.subs.clear();
    for (const s of subs) s.sink.end();
  }

  private async fanOut({ event, delta }: TenantEvent): Promise<void> {
    // their role, scope or account may have changed; what a push shows them may have
    const aboutMe = (s: Subscriber) =>
      event.topic === "user" &&
      (event.ids === null || (s.who?.userId != null && event.ids.includes(s.who.userId)));
    const accessChanged = (s: Subscriber) =>
      [...s.view.values()].some(({ push, access }) => push.refreshOn(event, access));
    const stale = [...this.subs].filter((s) => aboutMe(s) || accessChanged(s));
    await Promise.all(
      stale.map(async (s) => {
        try {
          s.view = await viewOf(s.who);
        } catch {
          // AccessEnded: the stream ends; the browser reconnects and is refused
          this.subs.delete(s);
          s.sink.end();
        }
      }),
    );
    const ids = event.ids;
    if (!delta || !ids) {
      for (const s of this.subs) s.sink.send(event);
      return;
    }
    const classes = new Map<string, { access: unknown; subs: Subscriber[] }>();
    const plain: Subscriber[] = [];
    for (const s of this.subs) {
      const mine = s.view.get(delta.push.topic);
      if (!mine) {
        plain.push(s);
        continue;
      }
      const c = classes.get(mine.class);
      if (c) c.subs.push(s);
      else classes.set(mine.class, { access: mine.access, subs: [s] });
    }
    const now = new Date();
    const built = await Promise.all(
      [...classes.values()].map(async (c) => {
        const message = await delta.push
          .build({
            db: liveDb(),
            tenantId: this.tenantId,
            access: c.access,
            batch: delta.batch,
            now,
          })
          .then(
            (data): LiveOut => ({ topic: delta.push.topic, ids, ...data }),
            (): LiveOut => event,
          );
        return { message, subs: c.subs };
      }),
    );
    // a subscriber removed while the messages were built gets nothing more
    for (const s of plain) if (this.subs.has(s)) s.sink.send(event);
    for (const { message, subs } of built)
      for (const s of subs) if (this.subs.has(s)) s.sink.send(message);
  }
}
