import "server-only";
import { and, eq } from "drizzle-orm";
import { schema } from "@/server/db";
import type { PlatformCtx } from "../_core/system";
import { publishJobChange } from "./publish";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Run history when Inngest (not the embedded executor) runs the functions: the SDK
 * middleware reports each run's start, steps and end here.
 */
export async function recordInngestRunStart(
  { db }: PlatformCtx,
  input: {
    runId: string;
    functionId: string;
    event: { id?: string; name: string; data?: Record<string, unknown> };
    attempt: number;
  },
) {
  const tenantId =
    typeof input.event.data?.tenantId === "string" && UUID.test(input.event.data.tenantId)
      ? input.event.data.tenantId
      : null;
  const trigger =
    input.event.name === "inngest/scheduled.timer"
      ? "cron"
      : input.event.name.endsWith(".run-requested")
        ? "manual"
        : "event";
  await db
    .insert(schema.jobRuns)
    .values({
      id: input.runId,
      mode: "inngest",
      functionId: input.functionId,
      tenantId,
      trigger,
      triggerDetail:
        trigger === "cron" ? String(input.event.data?.cron ?? "cron") : input.event.name,
      eventId: input.event.id ?? null,
      event: input.event as Record<string, unknown>,
      status: "running",
      attempt: input.attempt,
    })
    .onConflictDoUpdate({
      target: schema.jobRuns.id,
      set: { attempt: input.attempt, status: "running" },
    });
  await publishJobChange(db, input.runId);
}

export async function recordInngestStep(
  { db }: PlatformCtx,
  input: {
    runId: string;
    stepId: string;
    name: string;
    op: string;
    status: string;
    attempt: number;
    error?: string;
  },
  now: Date,
) {
  await db.insert(schema.jobRunSteps).values({ ...input, endedAt: now });
}

export async function recordInngestRunEnd(
  { db }: PlatformCtx,
  input: {
    runId: string;
    status: "completed" | "failed";
    result?: unknown;
    summary?: string | null;
    error?: string;
  },
  now: Date,
) {
  await db
    .update(schema.jobRuns)
    .set({
      status: input.status,
      result: input.result ?? null,
      summary: input.summary ?? null,
      error: input.error ?? null,
      endedAt: now,
    })
    .where(and(eq(schema.jobRuns.id, input.runId), eq(schema.jobRuns.mode, "inngest")));
  await publishJobChange(db, input.runId);
}
