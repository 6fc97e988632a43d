import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { monthBounds, previousMonth } from "./kpis";
import type { PlatformCtx } from "../_core/system";

/** Monthly scorecards are made on the 1st at this hour, the tenant's local time. */
export const SCORECARD_HOUR = 3;

function localParts(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { month: `${get("year")}-${get("month")}`, day: get("day"), hour: Number(get("hour")) };
}

/**
 * The month whose scorecards are due at `now` in `timeZone` — the month before, during the 1st's
 * 03:00 hour — or null. The job runs hourly so each tenant's 03:00 is met in its own zone.
 */
export function dueMonth(now: Date, timeZone: string): string | null {
  const p = localParts(now, timeZone);
  return p.day === "01" && p.hour === SCORECARD_HOUR ? previousMonth(p.month) : null;
}

/**
 * Each tenant's time zone, which tenants do not store yet: the zone most of its active sites
 * are in (ties by name), UTC without sites.
 */
export async function tenantTimeZones(
  db: DbOrTx,
): Promise<{ tenantId: string; timeZone: string }[]> {
  const rows = await rawRows<{ tenantId: string; timeZone: string }>(
    db,
    sql`
    select t.id as "tenantId", coalesce((
      select s.time_zone from sites s where s.tenant_id = t.id and s.active
      group by s.time_zone order by count(*) desc, s.time_zone limit 1), 'UTC') as "timeZone"
    from tenants t order by t.slug`,
  );
  return rows.map((r) => ({ tenantId: String(r.tenantId), timeZone: String(r.timeZone) }));
}

export type DueScorecard = { tenantId: string; clientId: string; month: string };

/** Every active client, of every tenant whose 1st-of-month 03:00 is now, that existed in the month. */
export async function dueScorecards(ctx: PlatformCtx, now: Date): Promise<DueScorecard[]> {
  const { db } = ctx;
  const due = (await tenantTimeZones(db)).flatMap((t) => {
    const month = dueMonth(now, t.timeZone);
    return month ? [{ tenantId: t.tenantId, month }] : [];
  });
  const out: DueScorecard[] = [];
  for (const { tenantId, month } of due) {
    const { end } = monthBounds(month);
    const rows = await db
      .select({ id: schema.clients.id })
      .from(schema.clients)
      .where(
        and(
          eq(schema.clients.tenantId, tenantId),
          eq(schema.clients.active, true),
          sql`${schema.clients.createdAt} < ${end}::timestamptz`,
        ),
      )
      .orderBy(schema.clients.name);
    out.push(...rows.map((r) => ({ tenantId, clientId: r.id, month })));
  }
  return out;
}
