import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { publishJobChange } from "@/server/services/jobs/publish";
import { schema, type Db, type DbOrTx } from "@/server/db";
import { evaluate } from "./expression";
import type { InngestEvent, Memo, RegisteredFunction } from "./types";

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

export async function createRun(
  db: DbOrTx,
  fn: RegisteredFunction,
  event: InngestEvent,
  trigger: "cron" | "event" | "manual",
  triggerDetail: string,
): Promise<string | null> {
  const tenantId =
    typeof event.data.tenantId === "string" && UUID.test(event.data.tenantId)
      ? event.data.tenantId
      : null;
  const [row] = await db
    .insert(jobRuns)
    .values({
      id: randomUUID(),
      mode: "embedded",
      functionId: fn.id,
      tenantId,
      trigger,
      triggerDetail,
      eventId: event.id,
      event: event as unknown as Record<string, unknown>,
      status: "queued",
      maxAttempts: fn.retries + 1,
      wakeAt: new Date(),
    })
    .onConflictDoNothing({ target: [jobRuns.functionId, jobRuns.eventId] })
    .returning({ id: jobRuns.id });
  if (row) await publishJobChange(db, row.id);
  return row?.id ?? null;
}

/** Records events, starts the functions they trigger, and resumes runs waiting for them. */
export async function ingestEvents(
  db: Db,
  fns: RegisteredFunction[],
  events: InngestEvent[],
): Promise<string[]> {
  const started: string[] = [];
  for (const event of events) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(jobEvents)
        .values({ id: event.id, name: event.name, data: event.data, ts: new Date(event.ts) })
        .onConflictDoNothing()
        .returning({ id: jobEvents.id });
      if (!inserted.length) return; // a resend of an event we already have
      for (const fn of fns) {
        if (!triggerMatches(fn, event)) continue;
        const manual = event.name.endsWith(".run-requested");
        const id = await createRun(tx, fn, event, manual ? "manual" : "event", event.name);
        if (id) started.push(id);
      }
      const waiting = await tx
        .select({ id: jobRuns.id, event: jobRuns.event, pending: jobRuns.pending })
        .from(jobRuns)
        .where(
          and(eq(jobRuns.status, "waiting"), sql`${jobRuns.pending}->>'event' = ${event.name}`),
        );
      for (const run of waiting) {
        if (run.pending?.kind !== "wait") continue;
        let match = true;
        if (run.pending.if) {
          try {
            match = evaluate(run.pending.if, { event: run.event, async: event });
          } catch {
            match = false;
          }
        }
        if (!match) continue;
        const resumed = await tx
          .update(jobRuns)
          .set({
            steps: sql`${jobRuns.steps} || jsonb_build_object(${run.pending.stepId}::text, jsonb_build_object('data', ${JSON.stringify(event)}::jsonb))`,
            stack: sql`array_append(${jobRuns.stack}, ${run.pending.stepId}::text)`,
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
                eq(jobRunSteps.stepId, run.pending.stepId),
                eq(jobRunSteps.status, "waiting"),
              ),
            );
          await publishJobChange(tx, run.id);
        }
      }
    });
  }
  return started;
}

/** Takes up to `limit` runs that are due and not leased by a live executor. */
export async function claimDueRuns(
  db: Db,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<RunRow[]> {
  return db
    .execute<RunRow>(
      sql`
    update ${jobRuns} set lease_owner = ${owner}, lease_expires_at = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select id from ${jobRuns}
      where mode = 'embedded'
        and status in ('queued', 'running', 'sleeping', 'waiting')
        and wake_at <= now()
        and (lease_expires_at is null or lease_expires_at < now())
      order by wake_at
      limit ${limit}
      for update skip locked
    )
    returning id`,
    )
    .then(async (rows) => {
      const ids = (rows as unknown as { id: string }[]).map((r) => r.id);
      if (!ids.length) return [];
      return db.select().from(jobRuns).where(inArray(jobRuns.id, ids));
    });
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
  const updated = await db
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
    .returning({ id: jobRuns.id });
  if (updated.length) await publishJobChange(db, runId);
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
