import "server-only";
import { sql } from "drizzle-orm";
import { DEVICE_KINDS, KIND_PROFILES } from "@/lib/devices";
import type { DbOrTx } from "@/server/db";
import { affected, rawRows } from "@/server/db/raw";
import type { JobCtx } from "../_core/system";
import { inTx } from "../_core/tx";

import { HOUR_MS, hourFloor } from "./hours";
import { forgetWindowsHolding } from "./window-state";

export { HOUR_MS, hourFloor };

/** Each kind's heartbeat and operating range as a SQL row source `k(kind, hb, lo, hi)`. */
export const KIND_TABLE = sql.raw(
  `(values ${DEVICE_KINDS.map((k) => {
    const p = KIND_PROFILES[k];
    return `('${k}'::device_kind, ${p.heartbeatMinutes}, ${p.tempRange[0]}, ${p.tempRange[1]}, ${p.offlineAfterMinutes})`;
  }).join(", ")}) as k(kind, hb, lo, hi, timeout_min)`,
);

/** The distinct hours to roll up, oldest first: one statement each. */
export function hourRuns(hours: Date[]): { from: Date; to: Date }[] {
  return [...new Set(hours.map((h) => hourFloor(h).getTime()))]
    .sort((a, b) => a - b)
    .map((h) => ({ from: new Date(h), to: new Date(h + HOUR_MS) }));
}

/**
 * The kinds' operating ranges, distinct, each with the kinds that share it: the rollup counts
 * a device's readings outside every range while it groups, then keeps its own kind's count.
 */
const TEMP_RANGES = (() => {
  const ranges = new Map<string, { lo: number; hi: number; kinds: string[] }>();
  for (const k of DEVICE_KINDS) {
    const [lo, hi] = KIND_PROFILES[k].tempRange;
    const range = ranges.get(`${lo}:${hi}`) ?? { lo, hi, kinds: [] };
    range.kinds.push(k);
    ranges.set(`${lo}:${hi}`, range);
  }
  return [...ranges.values()];
})();
const OUT_COUNTS = sql.raw(
  TEMP_RANGES.map(
    (r, i) =>
      `count(*) filter (where t.temperature < ${r.lo} or t.temperature > ${r.hi}) as out${i}`,
  ).join(", "),
);
const OUT_OF_KIND = sql.raw(
  `case ${TEMP_RANGES.map((r, i) => `when d.kind in (${r.kinds.map((k) => `'${k}'`).join(", ")}) then a.out${i}`).join(" ")} end`,
);

/**
 * Rolls a tenant's raw readings of one hour, [from, to), up into telemetry_hourly (replacing
 * it): grouped by device alone, the hour a constant (no date_trunc per reading), and joined to
 * the devices (their tenant, kind, heartbeat and range) once per device after grouping rather
 * than once per reading, which halved the rollup. The hour's rows were deleted first (a
 * re-roll): a plain insert, without ON CONFLICT's speculative insertion per row.
 */
async function rollHour(db: DbOrTx, tenantId: string, from: Date, to: Date) {
  const hour = sql`${from.toISOString()}::timestamptz`;
  await db.execute(sql`
    delete from telemetry_hourly where tenant_id = ${tenantId}::uuid and hour = ${hour}`);
  return affected(
    db,
    sql`
    with a as (
      select t.device_id, count(*) as n, count(*) filter (where t.online) as online_n,
        count(t.battery) as battery_n, sum(t.battery) as battery_sum,
        min(t.battery) as battery_min, max(t.battery) as battery_max,
        count(t.signal) as signal_n, sum(t.signal) as signal_sum,
        sum(t.signal::float8 * t.signal) as signal_sumsq,
        min(t.signal) as signal_min, max(t.signal) as signal_max,
        count(t.temperature) as temp_n, sum(t.temperature) as temp_sum,
        min(t.temperature) as temp_min, max(t.temperature) as temp_max,
        ${OUT_COUNTS}, min(t.reboots) as reboots_min, max(t.reboots) as reboots_max
      from telemetry t
      where t.ts >= ${hour} and t.ts < ${to.toISOString()}::timestamptz
      group by 1
    )
    insert into telemetry_hourly (device_id, hour, tenant_id, n, online_n, up, battery_n, battery_sum, battery_min,
      battery_max, signal_n, signal_sum, signal_sumsq, signal_min, signal_max, temp_n, temp_sum,
      temp_min, temp_max, temp_out, reboots_min, reboots_max)
    select a.device_id, ${hour}, ${tenantId}::uuid, a.n, a.online_n,
      least(1, (a.online_n * k.hb)::float4 / 60),
      a.battery_n, a.battery_sum, a.battery_min, a.battery_max,
      a.signal_n, a.signal_sum, a.signal_sumsq, a.signal_min, a.signal_max,
      a.temp_n, a.temp_sum, a.temp_min, a.temp_max, ${OUT_OF_KIND}, a.reboots_min, a.reboots_max
    from a
    join devices d on d.id = a.device_id and d.tenant_id = ${tenantId}::uuid
    join ${KIND_TABLE} on k.kind = d.kind`,
  );
}

/**
 * Summarises the BRIN ranges of the days' telemetry partitions filled since they were last
 * summarised. PostgreSQL summarises new ranges only when the partition is vacuumed, and a
 * bitmap scan reads every unsummarised range: with autovacuum behind (or off, as on the
 * benchmark machine), rolling up one hour read the whole day's partition so far — up to
 * 2.4 M readings to keep 0.2 M. This reads the new ranges once; hours already summarised
 * cost nothing. Skipped, not waited for, while a vacuum of the partition holds its lock
 * (the rollup is correct either way, only slower).
 */
async function summarizeNewRanges(ctx: JobCtx, hours: Date[]) {
  const days = [...new Set(hours.map((h) => h.toISOString().slice(0, 10).replaceAll("-", "")))];
  if (!days.length) return;
  const names = `{${days.map((d) => `telemetry_p${d}`).join(",")}}`;
  const summarize = (db: DbOrTx) =>
    db.execute(sql`
      select brin_summarize_new_values(i.indexrelid)
      from pg_inherits pi
      join pg_index i on i.indexrelid = pi.inhrelid
      where pi.inhparent = 'telemetry_ts_brin_idx'::regclass
        and i.indrelid in (select to_regclass(n) from unnest(${names}::text[]) n)`);
  // inside a caller's transaction (the seed's) nothing else holds the lock
  if ("rollback" in ctx.db) return void (await summarize(ctx.db));
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '1s'`);
      await summarize(tx);
    });
  } catch (err) {
    if (!isLockTimeout(err)) throw err;
  }
}

function isLockTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "55P03") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Hours rolled up side by side: a catch-up of a day uses the cores as a parallel scan would. */
const PARALLEL_HOURS = 3;

/**
 * Rolls one hour up in its own transaction, clearing its dirty mark first: a late reading
 * that lands meanwhile waits on that row, then marks the hour again for the next run.
 */
async function rollHourMarked(ctx: JobCtx, hour: Date): Promise<number> {
  const { tenantId } = ctx;
  return inTx(ctx, async ({ db: tx }) => {
    // a repeatable step (rolled again if lost), and an hour's aggregate kept in memory
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    // The hour being rolled up is usually newer than the partition's statistics, which then
    // promise a reading or two: the planner would sort the 240,000 readings to group them and
    // look each device up in a nested loop. Whatever the estimate: hashed.
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local enable_sort = off`);
    await tx.execute(sql`
      insert into telemetry_rollup_hours (tenant_id, hour, dirty)
      values (${tenantId}, ${hour.toISOString()}::timestamptz, false)
      on conflict (tenant_id, hour) do update set dirty = false`);
    const rows = await rollHour(tx, tenantId, hour, new Date(hour.getTime() + HOUR_MS));
    await forgetWindowsHolding(tx, tenantId, hour);
    return rows;
  });
}

/**
 * The hours a tenant's run at `now` must roll up: every finished hour of the last 24 not
 * rolled up yet, and any hour that received late readings since it was (marked dirty by
 * ingestion). `all`: every hour of the window again (bulk loads).
 */
export async function dueHours(
  ctx: JobCtx,
  now: Date,
  opts: { hours?: number; all?: boolean } = {},
): Promise<Date[]> {
  const to = hourFloor(now);
  const from = new Date(to.getTime() - (opts.hours ?? 24) * HOUR_MS);
  const { tenantId } = ctx;
  const due = await rawRows<{ hour: string | Date }>(
    ctx.db,
    sql`
    select hour from telemetry_rollup_hours
    where tenant_id = ${tenantId} and dirty and hour < ${to.toISOString()}::timestamptz
    union
    select h from generate_series(${from.toISOString()}::timestamptz,
      ${new Date(to.getTime() - HOUR_MS).toISOString()}::timestamptz, interval '1 hour') h
    where ${
      opts.all
        ? sql`true`
        : sql`not exists (select 1 from telemetry_rollup_hours r
      where r.tenant_id = ${tenantId} and r.hour = h)`
    }`,
  );
  return hourRuns(due.map((r) => new Date(r.hour))).map((r) => r.from);
}

/**
 * Rolls the hours up, each in its own transaction, a few at a time (inside a caller's
 * transaction, the seed's, one after another in it).
 */
export async function rollHours(ctx: JobCtx, hours: Date[]): Promise<{ rows: number }> {
  let rows = 0;
  const take = (rolled: number) => {
    rows += rolled;
  };
  await summarizeNewRanges(ctx, hours);
  if ("rollback" in ctx.db) {
    for (const hour of hours) take(await rollHourMarked(ctx, hour));
    return { rows };
  }
  const queue = [...hours];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_HOURS, queue.length) }, async () => {
      for (let hour = queue.shift(); hour; hour = queue.shift())
        take(await rollHourMarked(ctx, hour));
    }),
  );
  return { rows };
}

/** Brings a tenant's hourly rollups up to date for a run at `now` (see dueHours). */
export async function rollUpTenant(
  ctx: JobCtx,
  now: Date,
  opts: { hours?: number; all?: boolean } = {},
): Promise<{ hours: number; rows: number }> {
  const hours = await dueHours(ctx, now, opts);
  const { rows } = await rollHours(ctx, hours);
  return { hours: hours.length, rows };
}
