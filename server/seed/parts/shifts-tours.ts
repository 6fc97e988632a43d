import { randomUUID } from "node:crypto";
import { tierIncludes } from "@/lib/tiers";
import { schema } from "@/server/db";
import { addDays, localDay, localInstant, roundStarts } from "@/server/services/shifts/schedule";
import { newCheckpointToken } from "@/server/services/shifts/tour-roster";
import type { SeedContext } from "../types";
import { TOURS } from "./shifts-data";
import {
  HISTORY_DAYS,
  MINUTE,
  DAY,
  type Site,
  insertChunks,
  type HistoryShift,
} from "./shifts-history";

/** Tours with their checkpoints, and the past rounds as walked (most checkpoints scanned in time). */
export async function seedTours(
  ctx: SeedContext,
  tenantId: string,
  sites: Map<string, Site>,
  history: HistoryShift[],
  now: Date,
): Promise<number> {
  const { db, random } = ctx;
  const since = new Date(now.getTime() - (HISTORY_DAYS + 5) * DAY);
  let count = 0;
  for (const tour of TOURS) {
    const site = sites.get(tour.site);
    if (!site) continue;
    const [row] = await db
      .insert(schema.tours)
      .values({
        tenantId,
        siteId: site.id,
        name: tour.name,
        critical: tour.critical,
        days: [1, 2, 3, 4, 5, 6, 7],
        windowStart: tour.windowStart,
        windowEnd: tour.windowEnd,
        everyMinutes: tour.everyMinutes,
        createdAt: since,
      })
      .returning({ id: schema.tours.id });
    if (!row) throw new Error("seed: tour");
    const checkpoints = await db
      .insert(schema.tourCheckpoints)
      .values(
        tour.checkpoints.map((c, i) => ({
          tenantId,
          tourId: row.id,
          siteId: site.id,
          seq: i + 1,
          ...c,
          token: newCheckpointToken(),
          createdAt: since,
        })),
      )
      .returning();
    const runs: (typeof schema.tourRuns.$inferInsert & { id: string; startsAt: Date })[] = [];
    const scans: (typeof schema.checkpointScans.$inferInsert)[] = [];
    const missed: (typeof schema.shiftFindings.$inferInsert)[] = [];
    const today = localDay(site.timeZone, now);
    const onDuty = history.filter((s) => s.siteId === site.id && s.checkedInAt);
    for (let d = -HISTORY_DAYS; d <= 0; d++) {
      const day = addDays(today, d);
      for (const m of roundStarts(tour.windowStart, tour.windowEnd, tour.everyMinutes)) {
        const startsAt = localInstant(day, m, site.timeZone);
        if (startsAt > now) continue;
        const run = {
          id: randomUUID(),
          tenantId,
          tourId: row.id,
          clientId: site.clientId,
          siteId: site.id,
          localDate: day,
          startsAt,
          createdAt: new Date(startsAt.getTime() - 14 * DAY),
        };
        runs.push(run);
        const guard = onDuty.find((s) => s.startsAt <= startsAt && s.endsAt > startsAt);
        for (const c of checkpoints) {
          const at = new Date(startsAt.getTime() + random.int(2, c.toleranceMinutes - 2) * MINUTE);
          const due = new Date(startsAt.getTime() + c.toleranceMinutes * MINUTE);
          // a checkpoint whose window is still open is left for the guard on duty to scan
          if (guard && due <= now && random.chance(0.94)) {
            scans.push({
              tenantId,
              tourRunId: run.id,
              checkpointId: c.id,
              guardId: guard.guardId ?? null,
              shiftId: guard.id,
              scannedAt: at,
              createdAt: at,
            });
          } else if (
            due <= now &&
            startsAt < new Date(now.getTime() - DAY) &&
            tierIncludes(site.tier, "shiftCompliance")
          ) {
            missed.push({
              tenantId,
              clientId: site.clientId,
              siteId: site.id,
              tourRunId: run.id,
              checkpointId: c.id,
              kind: "MISSED_CHECKPOINT",
              key: `${run.id}:${c.id}`,
              detectedAt: due,
              details: { checkpoint: c.name, roundStartsAt: startsAt, dueAt: due },
            });
          }
        }
      }
    }
    await insertChunks(runs, (c) => db.insert(schema.tourRuns).values(c));
    await insertChunks(scans, (c) => db.insert(schema.checkpointScans).values(c));
    await insertChunks(missed, (c) => db.insert(schema.shiftFindings).values(c));
    count += runs.length;
  }
  return count;
}
