import type { Db } from "@/server/db";
import { summariseResult } from "@/server/services/jobs/summary";
import { retryAfterMs, retryDelayMs, wakeTime } from "./timing";
import { recordStep, saveRun, type RunRow, type RunState } from "./runs";
import type { InngestEvent, Memo, Op, RegisteredFunction } from "./types";

export type DriveOptions = {
  db: Db;
  owner: string;
  leaseMs: number;
  backoffBaseMs: number;
  /** stop after this many calls to the app (a test stops a run "between steps" with 1) */
  maxRounds?: number;
  onFinalFailure?: (run: RunRow, error: { name?: string; message?: string }) => Promise<void>;
};

type Reply = { status: number; noRetry: boolean; retryAfter: string | null; body: unknown };

async function call(
  fn: RegisteredFunction,
  run: RunRow,
  state: RunState,
  stepId: string,
  parallel: boolean,
): Promise<Reply> {
  const url = new URL(fn.url);
  url.searchParams.set("stepId", stepId);
  const event = run.event as unknown as InngestEvent;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // the app's replies are small and near: gzipping each one (Next compresses every streamed
      // response) cost the app's one thread about 2 ms a call under load
      "accept-encoding": "identity",
      "x-inngest-server-kind": "dev",
      "x-inngest-req-version": "2",
    },
    body: JSON.stringify({
      event,
      events: [event],
      steps: state.steps,
      // no ctx.fn_id: it would switch the SDK to checkpointing against Inngest's API
      ctx: {
        run_id: run.id,
        attempt: state.attempt,
        max_attempts: run.maxAttempts,
        disable_immediate_execution: parallel,
        use_api: false,
        stack: { stack: state.stack, current: state.stack.length },
      },
      version: 2,
    }),
    signal: AbortSignal.timeout(5 * 60_000),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return {
    status: res.status,
    noRetry: res.headers.get("x-inngest-no-retry") === "true",
    retryAfter: res.headers.get("retry-after"),
    body,
  };
}

function errorText(body: unknown): string {
  if (body && typeof body === "object") {
    const e = body as { name?: string; message?: string; error?: string };
    return (
      [e.name, e.message ?? e.error].filter(Boolean).join(": ") ||
      JSON.stringify(body).slice(0, 500)
    );
  }
  return String(body).slice(0, 500);
}

/**
 * Works on one claimed run until it finishes, parks (sleep, wait, retry later) or loses its
 * lease. The state is saved after every call to the app, so a restart resumes from the last
 * completed step.
 */
export async function driveRun(
  fn: RegisteredFunction,
  run: RunRow,
  opts: DriveOptions,
): Promise<RunState> {
  const state: RunState = {
    steps: { ...(run.steps as Memo) },
    stack: [...run.stack],
    attempt: run.attempt,
    nextStepId: run.nextStepId,
    status: "running",
    wakeAt: null,
    pending: run.pending,
  };
  const save = () => saveRun(opts.db, run.id, opts.owner, state, opts.leaseMs);
  const step = (op: Op, status: string, ended: boolean, error?: string) =>
    recordStep(opts.db, {
      runId: run.id,
      stepId: op.id,
      name: op.displayName ?? op.name ?? op.id,
      op: op.op,
      status,
      attempt: state.attempt,
      error,
      ended,
    });

  // A parked run that is due: its sleep ended or its wait timed out.
  if (state.pending) {
    state.steps[state.pending.stepId] = { data: null };
    state.stack.push(state.pending.stepId);
    state.pending = null;
  }

  const fail = async (message: string, error: { name?: string; message?: string }) => {
    state.status = "failed";
    state.error = message;
    state.endedAt = new Date();
    state.wakeAt = null;
    await save();
    await opts.onFinalFailure?.(run, error);
  };
  const retryLater = (retryAfter: string | null) => {
    state.wakeAt = new Date(
      Date.now() + (retryAfterMs(retryAfter) ?? retryDelayMs(state.attempt, opts.backoffBaseMs)),
    );
    state.status = "queued";
  };

  /** Applies one op; returns false when the run must stop for now. */
  const apply = async (op: Op, reply: Reply): Promise<boolean> => {
    switch (op.op) {
      case "StepRun":
        state.steps[op.id] = { data: op.data ?? null };
        state.stack.push(op.id);
        await step(op, "completed", true);
        state.attempt = 0;
        state.nextStepId = "step";
        return true;
      case "StepFailed":
        state.steps[op.id] = { error: op.error ?? { message: "step failed" } };
        state.stack.push(op.id);
        await step(op, "failed", true, op.error?.message);
        state.attempt = 0;
        state.nextStepId = "step";
        return true;
      case "StepError":
        await step(op, "error", true, op.error?.message);
        state.attempt += 1;
        state.nextStepId = op.id;
        retryLater(reply.retryAfter);
        return false;
      case "Sleep":
        await step(op, "sleeping", false);
        state.status = "sleeping";
        state.pending = { kind: "sleep", stepId: op.id };
        state.wakeAt = wakeTime(op.name ?? "1s");
        return false;
      case "WaitForEvent": {
        await step(op, "waiting", false);
        const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : "1h";
        const expr = typeof op.opts?.if === "string" ? op.opts.if : undefined;
        state.status = "waiting";
        state.pending = {
          kind: "wait",
          stepId: op.id,
          event: op.name ?? "",
          ...(expr ? { if: expr } : {}),
        };
        state.wakeAt = wakeTime(timeout);
        return false;
      }
      case "RunComplete":
        state.status = "completed";
        state.result = op.data ?? null;
        state.summary = summariseResult(op.data);
        state.endedAt = new Date();
        return false;
      default:
        await fail(`The embedded executor does not support ${op.op} (${op.displayName ?? op.id})`, {
          name: "Unsupported",
          message: op.op,
        });
        return false;
    }
  };

  let rounds = 0;
  for (;;) {
    if (opts.maxRounds !== undefined && rounds >= opts.maxRounds) {
      state.wakeAt = new Date();
      state.status = "queued";
      await save();
      return state;
    }
    rounds += 1;
    let reply: Reply;
    try {
      reply = await call(fn, run, state, state.nextStepId, false);
    } catch (err) {
      // The app is down or restarting: try again shortly without spending an attempt.
      state.status = "queued";
      state.wakeAt = new Date(Date.now() + 2000);
      state.error = `app unreachable: ${err instanceof Error ? err.message : String(err)}`;
      await save();
      return state;
    }

    if (reply.status === 200) {
      state.status = "completed";
      state.result = reply.body;
      state.summary = summariseResult(reply.body);
      state.error = null;
      state.endedAt = new Date();
      await save();
      return state;
    }
    if (reply.status === 206 && Array.isArray(reply.body)) {
      const ops = reply.body as Op[];
      const planned = ops.filter((o) => o.op === "StepPlanned");
      let goOn = true;
      if (planned.length) {
        // Parallel steps: run each one by id, then continue from the top.
        for (const p of planned) {
          const r = await call(fn, run, state, p.id, true);
          const result = r.status === 206 && Array.isArray(r.body) ? (r.body as Op[]) : [];
          if (!result.length) {
            state.attempt += 1;
            state.nextStepId = p.id;
            retryLater(r.retryAfter);
            goOn = false;
            break;
          }
          for (const op of result) goOn = (await apply(op, r)) && goOn;
          if (!goOn) break;
        }
      } else {
        for (const op of ops) goOn = (await apply(op, reply)) && goOn;
      }
      state.error = state.status === "failed" ? state.error : null;
      if (state.status === "failed") return state;
      if (!(await save())) return state; // lease lost: another executor owns it now
      if (!goOn) return state;
      if (state.status === "completed") return state;
      continue;
    }
    const message = errorText(reply.body);
    if (reply.status >= 400 && (reply.noRetry || reply.status < 500)) {
      await fail(message, (reply.body as { name?: string; message?: string }) ?? {});
      return state;
    }
    state.attempt += 1;
    if (state.attempt >= run.maxAttempts) {
      await fail(message, (reply.body as { name?: string; message?: string }) ?? {});
      return state;
    }
    state.error = message;
    state.nextStepId = "step";
    retryLater(reply.retryAfter);
    await save();
    return state;
  }
}
