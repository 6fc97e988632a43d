import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  jobChangeNotice,
  publishJobChange,
  publishJobChanges,
} from "@/server/services/jobs/publish";
import { schema, type Db, type DbOrTx } from "@/server/db";
import { runConcurrency } from "./concurrency";
import { evaluate, evaluateValue } from "./expression";
import type { InngestEvent, Memo, RegisteredFunction } from "./types";
import { rawRows } from "@/server/db/raw";

const { jobRuns, jobEvents, jobRunSteps } = schema;
export type RunRow = typeof jobRuns.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
 * The priority class of a function's run for an event: the sign of its `priority.run`
 * expression (seconds in Inngest, -600 to 600). An expression that fails counts as 0.
 */
export function priorityClass(fn: RegisteredFunction, event: InngestEvent): -1 | 0 | 1 {
  if (!fn.priority) return 0;
  try {
    const seconds = Number(evaluateValue(fn.priority, { event }));
    return seconds > 0 ? 1 : seconds < 0 ? -1 : 0;
  } catch {
    return 0;
  }
}

type RunStart = {
  fn: RegisteredFunction;
  event: InngestEvent;
  trigger: "cron" | "event" | "manual";
  triggerDetail: string;
};

/** Inserts queued runs (one per function and event: a repeat is ignored); returns new ids. */
export async function createRuns(db: DbOrTx, starts: RunStart[]): Promise<string[]> {
  if (!starts.length) return [];
  const rows = await db
    .insert(jobRuns)
    .values(
      starts.map(({ fn, event, trigger, triggerDetail }) => ({
        id: randomUUID(),
        mode: "embedded" as const,
        functionId: fn.id,
        tenantId:
          typeof event.data.tenantId === "string" && UUID.test(event.data.tenantId)
            ? event.data.tenantId
            : null,
        trigger,
        triggerDetail,
        eventId: event.id,
        event: event as unknown as Record<string, unknown>,
        status: "queued" as const,
        maxAttempts: fn.retries + 1,
        wakeAt: new Date(),
        priority: priorityClass(fn, event),
        concurrency: runConcurrency(fn.id, fn.concurrency, event),
      })),
    )
    .onConflictDoNothing({ target: [jobRuns.functionId, jobRuns.eventId] })
    .returning({ id: jobRuns.id });
  const ids = rows.map((r) => r.id);
  await publishJobChanges(db, ids);
  return ids;
}

export async function createRun(
  db: DbOrTx,
  fn: RegisteredFunction,
  event: InngestEvent,
  trigger: "cron" | "event" | "manual",
  triggerDetail: string,
): Promise<string | null> {
  const [id] = await createRuns(db, [{ fn, event, trigger, triggerDetail }]);
  return id ?? null;
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
    .where(
      and(eq(jobRuns.status, "waiting"), inArray(sql<string>`${jobRuns.pending}->>'event'`, names)),
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

export type RunState = {
  steps: Memo;
  stack: string[];
  attempt: number;
  nextStepId: string;
  status: RunRow["status"];
  wakeAt: Date | null;
  pending: RunRow["pending"];
  result?: unknown;
  summary?: string | null;
  error?: string | null;
  endedAt?: Date | null;
};

/** Persists a run's state, only while this executor still holds the lease. */
export async function saveRun(
  db: DbOrTx,
  runId: string,
  owner: string,
  state: RunState,
  leaseMs: number,
): Promise<boolean> {
  const done =
    state.status === "completed" || state.status === "failed" || state.status === "cancelled";
  const parked =
    done ||
    state.status === "sleeping" ||
    state.status === "waiting" ||
    (state.wakeAt && state.wakeAt.getTime() > Date.now());
  const saved = db.$with("saved").as(
    db
      .update(jobRuns)
      .set({
        steps: state.steps,
        stack: state.stack,
        attempt: state.attempt,
        nextStepId: state.nextStepId,
        status: state.status,
        wakeAt: state.wakeAt,
        pending: state.pending,
        ...(state.result !== undefined ? { result: state.result } : {}),
        ...(state.summary !== undefined ? { summary: state.summary } : {}),
        ...(state.error !== undefined ? { error: state.error } : {}),
        ...(state.endedAt !== undefined ? { endedAt: state.endedAt } : {}),
        leaseOwner: parked ? null : owner,
        leaseExpiresAt: parked ? null : sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      })
      .where(and(eq(jobRuns.id, runId), eq(jobRuns.leaseOwner, owner)))
      .returning({ id: jobRuns.id }),
  );
  // one round trip: the write and its live notice
  const updated = await db
    .with(saved)
    .select({ id: saved.id, notice: jobChangeNotice(saved.id) })
    .from(saved);
  return updated.length > 0;
}

export async function recordStep(
  db: DbOrTx,
  entry: {
    runId: string;
    stepId: string;
    name: string;
    op: string;
    status: string;
    attempt: number;
    error?: string | null;
    ended: boolean;
  },
): Promise<void> {
  await db.insert(jobRunSteps).values({
    runId: entry.runId,
    stepId: entry.stepId,
    name: entry.name,
    op: entry.op,
    status: entry.status,
    attempt: entry.attempt,
    error: entry.error ?? null,
    endedAt: entry.ended ? new Date() : null,
  });
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
