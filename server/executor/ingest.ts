import { and, eq, inArray, sql } from "drizzle-orm";
import { publishJobChange } from "@/server/services/jobs/publish";
import { schema, type Db, type DbOrTx } from "@/server/db";
import { evaluate } from "./expression";
import { createRun, createRuns } from "./runs";
import type { InngestEvent, RegisteredFunction } from "./types";
import { rawRows } from "@/server/db/raw";
import { literal } from "@/server/db/sql-literals";

/**
 * Events in: recording them, starting the functions they trigger (from HTTP, the outbox, or
 * events that arrived before their function was registered) and resuming runs waiting for them.
 */

const { jobRuns, jobEvents, jobRunSteps } = schema;

function triggerMatches(fn: RegisteredFunction, event: InngestEvent): boolean {
  return fn.triggers.some((t) => {
    if (!("event" in t)) return false;
    const nameOk =
      t.event === event.name ||
      (t.event.endsWith("/*") && event.name.startsWith(t.event.slice(0, -1)));
    if (!nameOk) return false;
    if (!t.expression) return true;
    try {
      return evaluate(t.expression, { event });
    } catch {
      return false;
    }
  });
}

/**
 * Records a batch of events in one transaction, starts the functions they trigger, and
 * resumes runs waiting for them. Under load the executor hands over everything that arrived
 * while the previous batch was being written, so the cost per event falls as the rate rises.
 */
export async function ingestEvents(
  db: Db,
  fns: RegisteredFunction[],
  events: InngestEvent[],
): Promise<string[]> {
  if (!events.length) return [];
  return db.transaction((tx) => ingestIn(tx, fns, events));
}

/**
 * Takes up to `limit` events from the outbox (event_outbox) and ingests them in the same
 * transaction: an event leaves the outbox exactly when its runs exist, so a crash at any point
 * loses none and starts none twice. Rows another executor is taking are skipped.
 */
export async function takeOutbox(
  db: Db,
  fns: RegisteredFunction[],
  limit: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await rawRows<{
      id: string;
      name: string;
      data: Record<string, unknown>;
      createdAt: string | Date;
    }>(
      tx,
      sql`
      delete from ${schema.eventOutbox}
      where id in (
        select id from ${schema.eventOutbox}
        order by created_at
        limit ${limit}
        for update skip locked)
      returning id, name, data, created_at as "createdAt"`,
    );
    if (!rows.length) return 0;
    await ingestIn(
      tx,
      fns,
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        data: r.data,
        ts: new Date(r.createdAt).getTime(),
      })),
    );
    return rows.length;
  });
}

async function ingestIn(
  tx: DbOrTx,
  fns: RegisteredFunction[],
  events: InngestEvent[],
): Promise<string[]> {
  const inserted = await tx
    .insert(jobEvents)
    .values(events.map((e) => ({ id: e.id, name: e.name, data: e.data, ts: new Date(e.ts) })))
    .onConflictDoNothing()
    .returning({ id: jobEvents.id });
  const fresh = new Set(inserted.map((r) => r.id));
  // a resend of an event we already have starts nothing (nor does a repeat within the batch)
  const news: InngestEvent[] = [];
  for (const e of events) if (fresh.delete(e.id)) news.push(e);
  const started = await createRuns(
    tx,
    news.flatMap((event) =>
      fns
        .filter((fn) => triggerMatches(fn, event))
        .map((fn) => ({
          fn,
          event,
          trigger: event.name.endsWith(".run-requested") ? ("manual" as const) : ("event" as const),
          triggerDetail: event.name,
        })),
    ),
  );
  const names = [...new Set(news.map((e) => e.name))];
  if (!names.length) return started;
  const waiting = await tx
    .select({ id: jobRuns.id, event: jobRuns.event, pending: jobRuns.pending })
    .from(jobRuns)
    // 'waiting' as a literal: a prepared statement's generic plan then matches the partial
    // index on waiting runs; with it a parameter, every batch of events planned this again
    .where(
      and(
        sql`${jobRuns.status} = ${literal("waiting")}`,
        inArray(sql<string>`${jobRuns.pending}->>'event'`, names),
      ),
    );
  for (const run of waiting) {
    if (run.pending?.kind !== "wait") continue;
    const pending = run.pending;
    // the first matching event (in arrival order) resumes the run
    const event = news.find((e) => {
      if (e.name !== pending.event) return false;
      if (!pending.if) return true;
      try {
        return evaluate(pending.if, { event: run.event, async: e });
      } catch {
        return false;
      }
    });
    if (!event) continue;
    const resumed = await tx
      .update(jobRuns)
      .set({
        steps: sql`${jobRuns.steps} || jsonb_build_object(${pending.stepId}::text, jsonb_build_object('data', ${JSON.stringify(event)}::jsonb))`,
        stack: sql`array_append(${jobRuns.stack}, ${pending.stepId}::text)`,
        status: "queued",
        pending: null,
        wakeAt: new Date(),
      })
      .where(and(eq(jobRuns.id, run.id), eq(jobRuns.status, "waiting")))
      .returning({ id: jobRuns.id });
    if (resumed.length) {
      await tx
        .update(jobRunSteps)
        .set({ status: "completed", endedAt: new Date() })
        .where(
          and(
            eq(jobRunSteps.runId, run.id),
            eq(jobRunSteps.stepId, pending.stepId),
            eq(jobRunSteps.status, "waiting"),
          ),
        );
      await publishJobChange(tx, run.id);
    }
  }
  return started;
}

/**
 * Starts newly registered functions for the events of the last `withinMs` that trigger them
 * (an app that was still starting when they arrived); an event starts a function once.
 */
export async function startFromRecentEvents(
  db: Db,
  fns: RegisteredFunction[],
  withinMs: number,
): Promise<number> {
  const names = [
    ...new Set(fns.flatMap((f) => f.triggers.flatMap((t) => ("event" in t ? [t.event] : [])))),
  ];
  if (!names.length) return 0;
  const recent = await db
    .select()
    .from(jobEvents)
    .where(
      and(
        inArray(jobEvents.name, names),
        sql`${jobEvents.receivedAt} > now() - ${`${withinMs} milliseconds`}::interval`,
      ),
    );
  let started = 0;
  for (const e of recent) {
    const event: InngestEvent = { id: e.id, name: e.name, data: e.data, ts: e.ts.getTime() };
    for (const fn of fns) {
      if (!triggerMatches(fn, event)) continue;
      if (
        await createRun(
          db,
          fn,
          event,
          e.name.endsWith(".run-requested") ? "manual" : "event",
          e.name,
        )
      )
        started++;
    }
  }
  return started;
}
