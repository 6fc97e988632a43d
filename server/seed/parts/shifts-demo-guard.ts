import { and, eq, sql } from "drizzle-orm";
import { SHIFT_RULES } from "@/lib/shifts";
import { schema, type Db } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { localDay } from "@/server/services/shifts/schedule";
import { DEMO_GUARD } from "./shifts-data";
import { MINUTE, type Site } from "./shifts-history";

/**
 * The demo guard is on duty whenever the demo starts, so his phone page has a shift to check in
 * to and a round to walk: unless one of his rostered shifts is under way (or starts within the
 * early tolerance) with an hour or more to go, he covers a one-off relief shift at his hub from
 * a few minutes from now, for 8 h or up to his next rostered shift.
 */
export async function demoGuardOnDuty(
  db: Db,
  tenantId: string,
  site: Site,
  guardId: string,
  now: Date,
) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [current] = await rawRows<{ endsAt: string }>(
    db,
    sql`
    select ends_at as "endsAt" from shifts
    where tenant_id = ${tenantId} and guard_id = ${guardId} and status = 'scheduled'
      and starts_at - make_interval(mins => ${SHIFT_RULES.earlyToleranceMinutes}) <= ${at}
      and ends_at > ${at}
    order by ends_at desc limit 1`,
  );
  if (current && new Date(current.endsAt).getTime() >= now.getTime() + 60 * MINUTE) return;
  const [next] = await rawRows<{ startsAt: string }>(
    db,
    sql`
    select starts_at as "startsAt" from shifts
    where tenant_id = ${tenantId} and guard_id = ${guardId} and status = 'scheduled' and starts_at > ${at}
    order by starts_at limit 1`,
  );
  const soon = Math.ceil(now.getTime() / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
  const startsAt = new Date(Math.max(soon, current ? new Date(current.endsAt).getTime() : 0));
  const endsAt = new Date(
    Math.min(
      startsAt.getTime() + 8 * 60 * MINUTE,
      next ? new Date(next.startsAt).getTime() : Infinity,
    ),
  );
  if (endsAt <= startsAt) return;
  const [post] = await db
    .select({ id: schema.posts.id })
    .from(schema.posts)
    .where(and(eq(schema.posts.siteId, site.id), eq(schema.posts.name, DEMO_GUARD.post)));
  if (!post) throw new Error("seed: the demo guard's post");
  await db.insert(schema.shifts).values({
    tenantId,
    clientId: site.clientId,
    siteId: site.id,
    postId: post.id,
    templateId: null,
    guardId,
    localDate: localDay(site.timeZone, startsAt),
    startsAt,
    endsAt,
    confirmedAt: now,
  });
}
