import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  smallint,
} from "drizzle-orm/pg-core";

export const runTriggerEnum = pgEnum("job_run_trigger", ["cron", "event", "manual"]);
export const runStatusEnum = pgEnum("job_run_status", [
  "queued",
  "running",
  "sleeping",
  "waiting",
  "completed",
  "failed",
  "cancelled",
]);
export const runModeEnum = pgEnum("job_run_mode", ["embedded", "inngest"]);

/** Events received by the embedded executor (the part of Inngest's event log it needs). */
export const jobEvents = pgTable(
  "job_events",
  {
    /** the id the sender gave (Inngest's event `id`), or one the executor made */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ts: timestamp("ts", { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // matching waits against recent events by name
    index("job_events_name_received_at_idx").on(t.name, t.receivedAt),
  ],
);

/**
 * One run of a background function, in either mode. In embedded mode it also holds the
 * durable state: memoised step results, sleeps and waits, and the lease of the executor
 * working on it.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    /** Inngest's run id in Inngest mode; a random id in embedded mode */
    id: text("id").primaryKey(),
    mode: runModeEnum("mode").notNull(),
    /** set when the run works for one tenant (its event carries tenantId); null for sweeps */
    tenantId: uuid("tenant_id"),
    functionId: text("function_id").notNull(),
    trigger: runTriggerEnum("trigger").notNull(),
    triggerDetail: text("trigger_detail").notNull(),
    eventId: text("event_id"),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    status: runStatusEnum("status").notNull().default("queued"),
    /** attempt of the current step (0-based), reset when a step completes */
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(4),
    /** memoised step results keyed by the SDK's hashed step id: {data} or {error} */
    steps: jsonb("steps").$type<Record<string, unknown>>().notNull().default({}),
    /** the order in which steps completed, as the SDK's stack */
    stack: text("stack")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** when the executor should next work on the run (now, a retry, a sleep's end, a wait's timeout) */
    wakeAt: timestamp("wake_at", { withTimezone: true }),
    /**
     * the function's `priority.run` for its event, as a class: 1 ahead, 0, -1 behind. Due runs
     * of a higher class are taken first (Inngest moves a run by the expression's seconds; the
     * embedded executor keeps the order it implies between classes)
     */
    priority: smallint("priority").notNull().default(0),
    /**
     * the function's concurrency buckets for this run's event, each with its limit: the run is
     * taken only while fewer than `n` runs of bucket `k` hold a live lease (null: no limit)
     */
    concurrency: jsonb("concurrency").$type<{ k: string; n: number }[]>(),
    /** what the run is parked on: a sleep, or a step.waitForEvent with its event and match */
    pending: jsonb("pending").$type<
      | { kind: "sleep"; stepId: string }
      | { kind: "wait"; stepId: string; event: string; if?: string }
    >(),
    /** the step to run on the next call ("step" = continue from the top) */
    nextStepId: text("next_step_id").notNull().default("step"),
    result: jsonb("result"),
    summary: text("summary"),
    error: text("error"),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    // the jobs page: recent runs of a function
    index("job_runs_function_id_started_at_idx").on(t.functionId, t.startedAt),
    index("job_runs_started_at_idx").on(t.startedAt),
    // an event starts a function once, however often it is delivered
    uniqueIndex("job_runs_function_id_event_id_idx").on(t.functionId, t.eventId),
    // waits parked on an event name
    index("job_runs_waiting_idx")
      .on(sql`(${t.pending}->>'event')`)
      .where(sql`${t.status} = 'waiting'`),
    // the executor: runs that are due, higher priority first
    index("job_runs_due_idx")
      .on(sql`${t.priority} desc`, t.wakeAt)
      .where(sql`${t.status} in ('queued', 'running', 'sleeping', 'waiting')`),
    // the executor: runs with concurrency limits that an executor is working on (a few dozen)
    index("job_runs_concurrency_leased_idx")
      .on(t.leaseExpiresAt)
      .where(sql`${t.concurrency} is not null and ${t.leaseExpiresAt} is not null`),
  ],
);

/** Each step of a run as it happened: for the run detail on the jobs page. */
export const jobRunSteps = pgTable(
  "job_run_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    name: text("name").notNull(),
    op: text("op").notNull(),
    status: text("status").notNull(),
    attempt: integer("attempt").notNull().default(0),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("job_run_steps_run_id_idx").on(t.runId, t.id)],
);

/** A cron tick claimed by one executor: the primary key makes a tick run once per database. */
export const jobCronTicks = pgTable(
  "job_cron_ticks",
  {
    functionId: text("function_id").notNull(),
    tickAt: timestamp("tick_at", { withTimezone: true }).notNull(),
    runId: text("run_id"),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.tickAt] })],
);

/** What the app registered with the executor (functions, triggers, step URLs). */
export const jobFunctions = pgTable("job_functions", {
  id: text("id").primaryKey(),
  appId: text("app_id").notNull(),
  name: text("name").notNull(),
  triggers: jsonb("triggers")
    .$type<({ event: string; expression?: string } | { cron: string })[]>()
    .notNull(),
  url: text("url").notNull(),
  retries: integer("retries").notNull().default(3),
  /** the function's `priority.run` expression, if any */
  priority: text("priority"),
  /** the function's `concurrency` limits, if any */
  concurrency:
    jsonb("concurrency").$type<{ limit: number; key?: string; scope?: "env" | "account" }[]>(),
  registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Events waiting to be delivered, written in the same transaction as the change that caused
 * them (a transactional outbox): an event exists exactly when its change committed. The
 * embedded executor takes them straight from here (delete and ingest in one transaction); with
 * Inngest, the app's relay sends them and deletes them once Inngest accepted them. The id is
 * the event's id, so a resend after a crash is recognised and starts nothing twice.
 */
export const eventOutbox = pgTable(
  "event_outbox",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** the relay's failed sends: it tries again after a short backoff */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [index("event_outbox_created_at_idx").on(t.createdAt)],
);
