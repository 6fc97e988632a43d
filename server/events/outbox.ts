import "server-only";
import { randomUUID } from "node:crypto";
import { inArray, lte, sql } from "drizzle-orm";
import { db as appDb, schema, type Db, type DbOrTx } from "@/server/db";
import { eventClient, inngestMode } from "./client";
import type { AppEvent } from "./schemas";

/** NOTIFY channel raised with every outbox write: wakes the executor (or the relay) at once. */
export const OUTBOX_CHANNEL = "watchfloor_outbox";

/**
 * Queues events in the caller's transaction (the transactional outbox, `event_outbox`): they
 * exist exactly when the change that raised them commits, so a crash of the app or of the
 * executor between the commit and the send cannot lose them. Returns the events' ids (a given
 * id is kept, so a repeat of the same event is one event). One round trip.
 */
export async function enqueueEvents(db: DbOrTx, events: AppEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const rows = events.map((e) => ({ id: e.id ?? randomUUID(), name: e.name, data: e.data }));
  await db.execute(sql`
    with queued as (
      insert into event_outbox (id, name, data)
      select id, name, data
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, name text, data jsonb)
      on conflict do nothing
    )
    select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return rows.map((r) => r.id);
}

const { eventOutbox } = schema;
/** Events per send: well under Inngest's payload limit. */
const RELAY_BATCH = 200;
/** Outbox rows left by a crash or a failed send are picked up this often. */
const RELAY_POLL_MS = 1_000;

type Send = (
  events: { id: string; name: string; data: Record<string, unknown> }[],
) => Promise<unknown>;

/**
 * Whether this process sends the outbox's events itself: with Inngest (Cloud or self-hosted),
 * or with WATCHFLOOR_EVENT_RELAY=1 (an Inngest dev server in place of the embedded executor,
 * set by the launcher). The embedded executor takes them from the table itself.
 */
export function outboxRelayEnabled(): boolean {
  return inngestMode === "inngest" || process.env.WATCHFLOOR_EVENT_RELAY === "1";
}

/**
 * Sends one batch of due outbox events and deletes them once accepted, under a row lock so
 * several app instances never send one twice at once (a resend after a crash carries the same
 * event id, which Inngest and the executor recognise). A failed send is tried again after a
 * backoff (1 s doubling, at most 10 s). Returns how many were sent.
 */
export async function relayOutboxOnce(db: Db, send: Send, limit = RELAY_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: eventOutbox.id, name: eventOutbox.name, data: eventOutbox.data })
      .from(eventOutbox)
      .where(lte(eventOutbox.nextAttemptAt, sql`now()`))
      .orderBy(eventOutbox.createdAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    try {
      await send(rows);
    } catch (err) {
      await tx
        .update(eventOutbox)
        .set({
          attempts: sql`${eventOutbox.attempts} + 1`,
          nextAttemptAt: sql`now() + least(interval '1 second' * power(2, ${eventOutbox.attempts}), interval '10 seconds')`,
          lastError: err instanceof Error ? err.message : String(err),
        })
        .where(inArray(eventOutbox.id, ids));
      return 0;
    }
    await tx.delete(eventOutbox).where(inArray(eventOutbox.id, ids));
    return rows.length;
  });
}

const state = globalThis as unknown as {
  watchfloorRelay?: { timer: NodeJS.Timeout; running: boolean; again: boolean };
};

/**
 * Sends what the outbox holds now (called after a commit that queued events), and from then on
 * polls it every second for events a crash or a failed send left behind. A no-op where the
 * embedded executor takes the events itself.
 */
export function kickOutboxRelay(): void {
  if (!outboxRelayEnabled()) return;
  if (!state.watchfloorRelay) {
    const timer = setInterval(relay, RELAY_POLL_MS);
    timer.unref();
    state.watchfloorRelay = { timer, running: false, again: false };
  }
  relay();
}

function relay(): void {
  const s = state.watchfloorRelay;
  if (!s) return;
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  void (async () => {
    let sent: number;
    do {
      s.again = false;
      // rows as they were queued, typed then by enqueueEvents
      sent = await relayOutboxOnce(appDb, (events) => eventClient.send(events));
    } while (s.again || sent === RELAY_BATCH);
  })()
    .catch((err: unknown) => console.warn(`[events] outbox relay: ${String(err)}`))
    .finally(() => {
      s.running = false;
    });
}
