import "server-only";
import { sql } from "drizzle-orm";
import { DEVICE_RULES } from "@/lib/devices";
import { tiersWith } from "@/lib/tiers";
import { affected, rawRows } from "@/server/db/raw";
import type { JobCtx, PlatformCtx } from "../_core/system";
import { publish } from "../live/publish";
import { dropPartitionsBefore, ensurePartitions } from "./partitions";
import { replacementReason } from "./replacement";

const DAY_MS = 86_400_000;

/**
 * Daily upkeep of the telemetry store (every tenant at once): partitions for the days ahead,
 * raw readings past the 30-day retention dropped a whole day at a time, rollups, score
 * history and rollup bookkeeping past theirs deleted.
 */
export async function maintainTelemetry(ctx: PlatformCtx, now: Date) {
  const { db } = ctx;
  const created = await ensurePartitions(
    db,
    new Date(now.getTime() - DAY_MS),
    new Date(now.getTime() + 3 * DAY_MS),
  );
  const dropped = await dropPartitionsBefore(
    db,
    new Date(now.getTime() - DEVICE_RULES.rawRetentionDays * DAY_MS),
  );
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const rollupsDeleted = await affected(
    db,
    sql`delete from telemetry_hourly where hour < ${before(DEVICE_RULES.rollupRetentionDays)}::timestamptz`,
  );
  await db.execute(
    sql`delete from telemetry_rollup_hours where hour < ${before(DEVICE_RULES.rollupRetentionDays)}::timestamptz`,
  );
  const scoresDeleted = await affected(
    db,
    sql`delete from device_scores where run_at < ${before(DEVICE_RULES.scoreRetentionDays)}::timestamptz`,
  );
  return {
    partitionsCreated: created,
    partitionsDropped: dropped,
    rollupsDeleted,
    scoresDeleted,
  };
}

/**
 * Predictive replacement (gold): lists each device of a gold client whose daily score fell
 * 7 days running, or that failed 3+ times in 30 days, with the reason; clears the others.
 */
export async function updateReplacements(ctx: JobCtx, now: Date) {
  const { db, tenantId } = ctx;
  const days = DEVICE_RULES.replaceAfterDecliningDays + 1;
  const at = now.toISOString();
  const gold = sql`(select d.id from devices d join clients c on c.id = d.client_id
    where d.tenant_id = ${tenantId} and d.active
      and c.tier in (select jsonb_array_elements_text(${JSON.stringify(tiersWith("predictiveReplacement"))}::jsonb)::tier))`;
  const [daily, failures] = await Promise.all([
    rawRows<{ id: string; ago: number; score: number }>(
      db,
      sql`
      select s.device_id as id, floor(date_part('epoch', ${at}::timestamptz - s.run_at) / 86400)::int as ago,
        avg(s.score)::float8 as score
      from device_scores s
      where s.device_id in ${gold}
        and s.run_at > ${at}::timestamptz - make_interval(days => ${days}) and s.run_at <= ${at}::timestamptz
      group by 1, 2`,
    ),
    rawRows<{ id: string; n: number }>(
      db,
      sql`
      select f.device_id as id, count(*)::int as n from device_failures f
      where f.tenant_id = ${tenantId} and f.at > ${at}::timestamptz - interval '30 days'
        and f.at <= ${at}::timestamptz and f.device_id in ${gold}
      group by 1`,
    ),
  ]);
  const series = new Map<string, (number | null)[]>();
  for (const r of daily) {
    const s = series.get(r.id) ?? new Array<number | null>(days).fill(null);
    // oldest first: `ago` days back sits at days - 1 - ago
    if (r.ago >= 0 && r.ago < days) s[days - 1 - r.ago] = r.score;
    series.set(r.id, s);
  }
  const failed = new Map(failures.map((f) => [f.id, f.n]));
  const listed = [...new Set([...series.keys(), ...failed.keys()])].flatMap((id) => {
    const reason = replacementReason(series.get(id) ?? [], failed.get(id) ?? 0);
    return reason ? [{ id, reason }] : [];
  });
  const changed = await affected(
    db,
    sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(listed)}::json) as v(id uuid, reason text)
    )
    update device_health h set replacement_reason = v.reason,
      replacement_since = case when v.reason is null then null
        else coalesce(h.replacement_since, ${at}::timestamptz) end
    from devices d left join v on v.id = d.id
    where h.device_id = d.id and d.tenant_id = ${tenantId}
      and (v.id is not null or h.replacement_reason is not null)
      and h.replacement_reason is distinct from v.reason`,
  );
  if (changed) await publish(ctx, "device", null);
  return { listed: listed.length, changed };
}
