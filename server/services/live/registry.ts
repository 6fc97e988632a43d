import "server-only";
import type { LiveEvent, LiveMessage, LiveTopic } from "@/lib/live-topics";
import type { DbOrTx } from "@/server/db";
import type { ServiceCtx, UserActor } from "../_core/context";

/**
 * What a pushed topic's message carries beside its topic and ids, by topic. Each domain that
 * registers a push adds its topic here (`declare module "@/server/services/live/registry"`),
 * so the bus and the wire type know the shapes without importing the domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by augmentation
export interface LivePushes {}

export type PushedTopic = keyof LivePushes & LiveTopic;

/** A pushed change as a subscriber gets it: the changed ids and what its viewer class may see. */
export type LivePushMessage = {
  [T in PushedTopic]: { topic: T; ids: string[] } & LivePushes[T];
}[PushedTopic];

/** What the bus hands a subscriber: change events, and pushed changes with their data. */
export type LiveOut = LiveMessage | LivePushMessage;

/**
 * How a domain pushes its changes with their data, instead of every open page refetching them.
 * The bus gathers a topic's changes per tenant for a moment, `load`s them once, and hands
 * each class of subscriber (`accessClass`) one message, built once for all of that class.
 *
 * Written as methods: the bus keeps every push as a `LivePush<PushedTopic, unknown, unknown>`
 * and hands each push back only the access and batch that push itself produced.
 */
export type LivePush<T extends PushedTopic, Access, Batch> = {
  topic: T;
  /**
   * What a subscriber may see of the pushes, read when they subscribe and again when they or
   * (per `refreshOn`) what they may see change. null, or a throw: the ids only.
   */
  access(ctx: ServiceCtx<UserActor>): Promise<Access | null>;
  /** Subscribers with equal classes may see the same: what is built for one serves all. */
  accessClass(access: Access): string;
  /** Tenant events after which a subscriber's access is read again (besides their own changes). */
  refreshOn(event: LiveEvent, access: Access): boolean;
  /**
   * What the push keeps of a tenant (null: of every tenant) may be stale: a batch was too large
   * to read, or the bus lost its LISTEN connection.
   */
  forget?(tenantId: string | null): void;
  /** A batch of changed ids, read once for all of the tenant's subscribers. */
  load(db: DbOrTx, tenantId: string, ids: string[]): Promise<Batch>;
  /** One class's message for a batch (without topic and ids: the bus adds them). */
  build(args: {
    db: DbOrTx;
    tenantId: string;
    access: Access;
    batch: Batch;
    now: Date;
  }): Promise<LivePushes[T]>;
};

export type RegisteredPush = LivePush<PushedTopic, unknown, unknown>;

const pushes = new Map<string, RegisteredPush>();

/** Registers (or, when a module reloads, replaces) the push of a topic. */
export function registerLivePush<T extends PushedTopic, Access, Batch>(
  push: LivePush<T, Access, Batch>,
): void {
  pushes.set(push.topic, push);
}

/** The push registered for a topic, if any. */
export function livePushOf(topic: string): RegisteredPush | undefined {
  return pushes.get(topic);
}

/** Every registered push. */
export function livePushes(): RegisteredPush[] {
  return [...pushes.values()];
}
