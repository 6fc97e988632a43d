import { and, desc, eq } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { createRun } from "./runs";
import { nextCronTime } from "@/server/services/jobs/cron";
import type { RegisteredFunction } from "./types";

/**
 * Fires cron triggers. Each tick is claimed in job_cron_ticks first, so however many
 * executors share the database, a tick starts one run.
 */
export class CronScheduler {
  private next = new Map<string, Date | null>();

  constructor(private readonly db: Db) {}

  async tick(fns: RegisteredFunction[], now: Date = new Date()): Promise<string[]> {
    const started: string[] = [];
    const live = new Set<string>();
    for (const fn of fns) {
      for (const t of fn.triggers) {
        if (!("cron" in t)) continue;
        const key = `${fn.id} ${t.cron}`;
        live.add(key);
        if (!this.next.has(key)) this.next.set(key, await this.firstDue(fn.id, t.cron, now));
        let due = this.next.get(key) ?? null;
        if (due && due <= now) {
          // Catch-up rule: of the ticks missed (the executor was down, or the database), only
          // the most recent runs, once; a sweep every minute does not run 60 times after an hour.
          let tickAt = due;
          for (let n = nextCronTime(t.cron, tickAt); n && n <= now; n = nextCronTime(t.cron, n))
            tickAt = n;
          const runId = await this.db.transaction(async (tx) => {
            const claimed = await tx
              .insert(schema.jobCronTicks)
              .values({ functionId: fn.id, tickAt })
              .onConflictDoNothing()
              .returning({ functionId: schema.jobCronTicks.functionId });
            if (!claimed.length) return null; // another executor has it
            const id = await createRun(
              tx,
              fn,
              {
                id: `cron:${fn.id}:${tickAt.toISOString()}`,
                name: "inngest/scheduled.timer",
                data: { cron: t.cron },
                ts: tickAt.getTime(),
              },
              "cron",
              t.cron,
            );
            await tx
              .update(schema.jobCronTicks)
              .set({ runId: id })
              .where(
                and(
                  eq(schema.jobCronTicks.functionId, fn.id),
                  eq(schema.jobCronTicks.tickAt, tickAt),
                ),
              );
            return id;
          });
          if (runId) started.push(runId);
          due = nextCronTime(t.cron, tickAt);
        }
        this.next.set(key, due);
      }
    }
    for (const key of this.next.keys()) if (!live.has(key)) this.next.delete(key);
    return started;
  }

  /**
   * A schedule's first due tick for this executor: the one after the last tick any executor
   * claimed (so a tick missed while no executor ran is caught up), or the next one from now
   * for a schedule that never ran. Missed ticks older than a week are not looked for.
   */
  private async firstDue(functionId: string, cron: string, now: Date): Promise<Date | null> {
    const [last] = await this.db
      .select({ tickAt: schema.jobCronTicks.tickAt })
      .from(schema.jobCronTicks)
      .where(eq(schema.jobCronTicks.functionId, functionId))
      .orderBy(desc(schema.jobCronTicks.tickAt))
      .limit(1);
    if (!last) return nextCronTime(cron, now);
    const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000);
    return nextCronTime(cron, last.tickAt > weekAgo ? last.tickAt : weekAgo);
  }
}
