import "server-only";
import { and, asc, isNull, lt, ne } from "drizzle-orm";
import { schema } from "@/server/db";
import type { PlatformCtx } from "../_core/system";

/**
 * Alerts unscored this long after they arrived lost their triage event (or it came before the
 * function was running). Longer than a bulk backlog normally waits (bulk triage yields to the
 * alerts that come one at a time), so the sweep does not triage those twice.
 */
export const STRAGGLER_AGE_MINUTES = 10;
/** At most this many per sweep (every 5 minutes). */
export const STRAGGLER_LIMIT = 2000;

/**
 * A safety net for triage: the open alerts still unscored STRAGGLER_AGE_MINUTES after they
 * arrived, oldest first, each with an event id that is the same for an hour (so a sweep that
 * runs again while their triage is still queued does not queue it twice).
 */
export async function findStragglers(ctx: PlatformCtx, now: Date, limit = STRAGGLER_LIMIT) {
  const rows = await ctx.db
    .select({ alertId: schema.alerts.id, tenantId: schema.alerts.tenantId })
    .from(schema.alerts)
    .where(
      and(
        isNull(schema.alerts.triagedAt),
        ne(schema.alerts.status, "resolved"),
        lt(schema.alerts.createdAt, new Date(now.getTime() - STRAGGLER_AGE_MINUTES * 60_000)),
      ),
    )
    .orderBy(asc(schema.alerts.createdAt))
    .limit(limit);
  const hour = now.toISOString().slice(0, 13);
  return rows.map((r) => ({ ...r, eventId: `triage-straggler:${r.alertId}:${hour}` }));
}
