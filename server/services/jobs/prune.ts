import "server-only";
import { sql } from "drizzle-orm";
import { affected } from "@/server/db/raw";
import type { PlatformCtx } from "../_core/system";

/**
 * Removes finished runs older than `days` before `now`, and events and cron ticks no run
 * needs any more.
 */
export async function pruneJobHistory(
  { db }: PlatformCtx,
  now: Date,
  days = 30,
): Promise<{ runs: number; events: number; ticks: number }> {
  const cutoff = sql`${now.toISOString()}::timestamptz - ${`${days} days`}::interval`;
  const runs = await affected(
    db,
    sql`delete from job_runs where status in ('completed', 'failed', 'cancelled') and ended_at < ${cutoff}`,
  );
  // waits match only events that arrive after them, and runs keep their own trigger event
  const events = await affected(db, sql`delete from job_events where received_at < ${cutoff}`);
  const ticks = await affected(db, sql`delete from job_cron_ticks where tick_at < ${cutoff}`);
  return { runs, events, ticks };
}
