import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { jobChangeNotice, publishJobChanges } from "@/server/services/jobs/publish";
import { schema, type DbOrTx } from "@/server/db";
import { runConcurrency } from "./concurrency";
import { evaluateValue } from "./expression";
import type { InngestEvent, Memo, RegisteredFunction } from "./types";

/** Runs: creating them, and saving a run's state and its steps as it is worked on. */

const { jobRuns, jobRunSteps } = schema;
export type RunRow = typeof jobRuns.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        // A run still being worked on is due the moment its lease lapses: were the executor to
        // die now, the next one must find it (a null wake_at is never claimed).
        wakeAt: parked ? state.wakeAt : (state.wakeAt ?? sql`now()`),
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
