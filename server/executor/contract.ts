/**
 * The embedded executor's contract: what of Inngest it plays, against which SDK, and what it
 * refuses. It stands in for Inngest's dev server only as far as this list goes; anything else
 * is refused when the app registers (options) or fails the run (step kinds), never ignored.
 *
 * contract.int.test.ts runs the SDK's own serve handler through every feature below and fails
 * when package.json's `inngest` differs from INNGEST_VERSION: an SDK upgrade re-runs it, and
 * the version here moves only once it passes.
 */

/** The `inngest` version the executor is tested against (package.json pins it exactly). */
export const INNGEST_VERSION = "4.24.0";

/**
 * What it implements, as the SDK's `createFunction` options and step tools. Protocol: sync
 * in band (PUT to the app) or out of band (POST /fn/register), events on POST /e/<key>, and
 * execution request version 2 without checkpointing (no `ctx.fn_id`).
 */
export const IMPLEMENTED = {
  "triggers: event":
    "by name, or `prefix/*`, with an optional `if` in the CEL subset of expression.ts",
  "triggers: cron": "five or six fields, with Inngest's `TZ=<zone>` prefix; one run per tick",
  retries: "attempts per run (default 3 retries), backoff 2 s ×3 per attempt, `retry-after` kept",
  NonRetriableError: "fails the run at once (the SDK's `x-inngest-no-retry`)",
  onFailure: "runs the failure handler on `inngest/function.failed` once retries are spent",
  "priority.run":
    "the expression's sign orders due runs: ahead, normal, behind (not exact offsets)",
  concurrency:
    "up to two limits, per function or per function and `key` value; sleeping and waiting runs free their slot",
  "step.run": "memoised: a completed step's result is replayed, never run again",
  "parallel steps": "Promise.all of steps (planned steps run one by one)",
  "step.sleep / step.sleepUntil": "a duration or a date; the run is parked in PostgreSQL",
  "step.waitForEvent": "`event`, `match` or `if`, `timeout` (resolves null when it passes)",
  "step.sendEvent": "the SDK sends to POST /e/<key>; an event id already seen starts nothing",
} as const;

/**
 * createFunction options it does not implement: a function using one is refused at sync
 * (refusals.ts), as is one with an option it does not know, more than two concurrency limits,
 * or an expression (trigger `if`, `priority.run`, concurrency `key`) outside the CEL subset.
 */
export const REFUSED_OPTIONS = {
  throttle: "throttling",
  rateLimit: "rate limits",
  debounce: "debounce",
  batchEvents: "event batches",
  singleton: "singleton runs",
  cancelOn: "cancellation by event",
  timeouts: "start and finish timeouts",
  idempotency: "idempotency keys",
  "concurrency.scope": "limits shared between functions (scope `env` or `account`)",
  "triggers.jitter": "cron jitter",
  connect: "functions served over `connect` (WebSocket)",
} as const;

/**
 * Step kinds (the SDK's op codes) it does not implement: they exist only at run time, so a
 * run that reaches one fails with "The embedded executor does not support <op>".
 */
export const REFUSED_STEPS = {
  InvokeFunction: "step.invoke",
  WaitForSignal: "step.waitForSignal",
  AIGateway: "step.ai.infer",
  Gateway: "step.fetch",
  DeferAdd: "defer",
  DeferAbort: "defer",
} as const;

export type RefusedOption = keyof typeof REFUSED_OPTIONS;
