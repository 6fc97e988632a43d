import { and, eq } from "drizzle-orm";
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
        if (!this.next.has(key)) this.next.set(key, nextCronTime(t.cron, now));
        let due = this.next.get(key) ?? null;
        while (due && due <= now) {
          const tickAt = due;
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
}
