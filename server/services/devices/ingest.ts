import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { publish } from "../live/publish";
import type { TelemetryKey } from "./keys";
import { ensurePartitions } from "./partitions";
import { validateBatch, type Reading, type Rejection } from "./validate";

/** The devices of a site a gateway may post for, per process, refreshed on a miss. */
const SITE_CACHE_MS = 60_000;
type SiteDevices = { at: number; ids: Set<string> };
const globalSites = globalThis as unknown as { watchfloorGatewaySites?: Map<string, SiteDevices> };
const siteCache = (globalSites.watchfloorGatewaySites ??= new Map());

async function devicesOfSite(
  db: DbOrTx,
  key: TelemetryKey & { siteId: string },
  wanted: Iterable<string>,
  now: Date,
): Promise<Set<string>> {
  const cacheKey = `${key.tenantId}:${key.siteId}`;
  let entry = siteCache.get(cacheKey);
  if (!entry || now.getTime() - entry.at > SITE_CACHE_MS || entry.at > now.getTime()) {
    entry = { at: now.getTime(), ids: new Set() };
    siteCache.set(cacheKey, entry);
  }
  const unknown = [...new Set(wanted)].filter((id) => !entry.ids.has(id));
  if (unknown.length) {
    // a device registered since the cache was filled, or one that is not at this site
    const rows = await rawRows<{ id: string }>(
      db,
      sql`
      select id from devices
      where tenant_id = ${key.tenantId} and site_id = ${key.siteId} and active
        and id = any(${`{${unknown.join(",")}}`}::uuid[])`,
    );
    for (const r of rows) entry.ids.add(r.id);
  }
  return entry.ids;
}

/** Publishes "device" at most once a second per tenant: pages refetch, not per batch. */
const PUBLISH_EVERY_MS = 1_000;
const lastPublished = new Map<string, number>();

const arr = (xs: (string | number | boolean | null)[]) =>
  `{${xs.map((x) => (x === null ? "NULL" : String(x))).join(",")}}`;

/**
 * A batch as the insert's columns, in (device, time) order: every batch takes its keys, rows
 * and marks in the same order, so concurrent batches that overlap wait for each other instead
 * of deadlocking. A gateway's 500 readings name a few devices: each is sent once and the rows
 * point at it; times go as epoch milliseconds (no Date per reading, no timestamp text to parse).
 */
function columnsOf(batch: Reading[]) {
  const byDevice = new Map<string, Reading[]>();
  for (const r of batch) {
    const rows = byDevice.get(r.deviceId);
    if (rows) rows.push(r);
    else byDevice.set(r.deviceId, [r]);
  }
  const ids = [...byDevice.keys()].sort();
  const device: number[] = [];
  const ms: number[] = [];
  const battery: (number | null)[] = [];
  const signal: (number | null)[] = [];
  const temperature: (number | null)[] = [];
  const online: boolean[] = [];
  const reboots: (number | null)[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  ids.forEach((id, i) => {
    const rows = byDevice.get(id) ?? [];
    // readings arrive in time order: sorted only when they are not
    if (rows.some((r, k) => k > 0 && (rows[k - 1]?.ts ?? 0) > r.ts))
      rows.sort((a, b) => a.ts - b.ts);
    for (const r of rows) {
      device.push(i + 1);
      ms.push(r.ts);
      battery.push(r.battery);
      signal.push(r.signal);
      temperature.push(r.temperature);
      online.push(r.online);
      reboots.push(r.reboots);
      lo = Math.min(lo, r.ts);
      hi = Math.max(hi, r.ts);
    }
  });
  return { ids, device, ms, battery, signal, temperature, online, reboots, lo, hi };
}

/**
 * Writes validated readings in one statement: a multi-row insert from unnest (duplicates of
 * (device, ts) ignored), each device's newest reading onto the device (last seen, online,
 * last levels; rows locked in id order so concurrent batches never deadlock), and a mark on
 * finished hours that received late readings, for the next rollup. All or nothing.
 */
async function writeReadings(
  db: DbOrTx,
  tenantId: string,
  batch: Reading[],
  now: Date,
): Promise<{ inserted: number }> {
  const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();
  const c = columnsOf(batch);
  const query = sql`
    with v as (
      -- the devices' array parsed once (an init plan), not once per row of a generic plan
      select (select ${arr(c.ids)}::uuid[])[u.i] as device_id, to_timestamp(u.ms / 1000) as ts,
        u.battery, u.signal, u.temperature, u.online, u.reboots
      from unnest(
        ${arr(c.device)}::int[],
        ${arr(c.ms)}::float8[],
        ${arr(c.battery)}::real[],
        ${arr(c.signal)}::real[],
        ${arr(c.temperature)}::real[],
        ${arr(c.online)}::boolean[],
        ${arr(c.reboots)}::integer[]
      ) as u(i, ms, battery, signal, temperature, online, reboots)
    ),
    ins as (
      insert into telemetry (device_id, ts, battery, signal, temperature, online, reboots)
      select * from v
      on conflict do nothing
      returning 1
    ),
    latest as (
      select distinct on (device_id) device_id, ts, battery, signal, temperature, online
      from v order by device_id, ts desc
    ),
    locked as (
      select d.id from devices d
      where d.tenant_id = ${tenantId} and d.id in (select device_id from latest)
      order by d.id
      for no key update
    ),
    seen as (
      update devices d set
        last_seen_at = l.ts,
        online = l.online,
        offline_since = case when l.online then null
          when d.online or d.offline_since is null then l.ts else d.offline_since end,
        last_battery = coalesce(l.battery, d.last_battery),
        last_signal = coalesce(l.signal, d.last_signal),
        last_temperature = coalesce(l.temperature, d.last_temperature)
      from latest l join locked k on k.id = l.device_id
      where d.id = l.device_id and (d.last_seen_at is null or d.last_seen_at < l.ts)
      returning 1
    ),
    late as (
      insert into telemetry_rollup_hours (tenant_id, hour, dirty)
      select distinct ${tenantId}::uuid, date_trunc('hour', ts, 'UTC') as hour, true
      from v where ts < ${hourStart}::timestamptz
      order by hour
      on conflict (tenant_id, hour) do update set dirty = true
        where not telemetry_rollup_hours.dirty
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
      (select count(*) from seen)::int as seen, (select count(*) from late)::int as late`;
  try {
    const [r] = await rawRows<{ inserted: number }>(db, query);
    return { inserted: r?.inserted ?? 0 };
  } catch (err) {
    // the statement is all or nothing, so a deadlock victim (another process writing the same
    // rows in another order) is simply written again
    if (pgCode(err) === "40P01") {
      const [r] = await rawRows<{ inserted: number }>(db, query);
      return { inserted: r?.inserted ?? 0 };
    }
    // a day without a partition yet (far-off clocks, a fresh database): make it, once
    if (!isNoPartition(err)) throw err;
    await ensurePartitions(db, new Date(c.lo), new Date(c.hi));
    const [r] = await rawRows<{ inserted: number }>(db, query);
    return { inserted: r?.inserted ?? 0 };
  }
}

/** The PostgreSQL error code of a failure (Drizzle wraps the driver's error). */
function pgCode(err: unknown): string | null {
  for (let e: unknown = err, i = 0; e && typeof e === "object" && i < 4; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function isNoPartition(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && typeof e === "object" && i < 4; i++) {
    const pg = e as { code?: string; message?: string };
    if (pg.code === "23514" && /no partition/.test(pg.message ?? "")) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type IngestResult = {
  accepted: number;
  inserted: number;
  duplicates: number;
  rejected: Rejection[];
};

/**
 * POST /api/telemetry's service: validates each reading (index and reason for the bad
 * ones), checks a gateway's readings name devices of its site, and writes the good ones in
 * one statement. A device of another tenant or site is "not found", like one that does not
 * exist.
 */
export async function ingestTelemetry(
  ctx: ServiceCtx,
  input: { key: TelemetryKey; readings: unknown[] },
  now: Date,
): Promise<IngestResult> {
  const { key } = input;
  const { good, rejected } = validateBatch(input.readings, now, key.deviceId);
  let keep = good;
  if (key.kind === "site_gateway" && key.siteId && good.length) {
    const known = await devicesOfSite(
      ctx.db,
      { ...key, siteId: key.siteId },
      good.map((r) => r.deviceId),
      now,
    );
    keep = [];
    const indexOf = goodIndexes(input.readings.length, rejected);
    good.forEach((r, i) => {
      if (known.has(r.deviceId)) keep.push(r);
      else
        rejected.push({
          index: indexOf[i] ?? -1,
          field: "deviceId",
          reason: "device not found at this gateway's site",
        });
    });
    rejected.sort((a, b) => a.index - b.index);
  }
  if (!keep.length) return { accepted: 0, inserted: 0, duplicates: 0, rejected };
  const { inserted } = await writeReadings(ctx.db, ctx.tenantId, keep, now);
  const t = now.getTime();
  if (t - (lastPublished.get(ctx.tenantId) ?? 0) >= PUBLISH_EVERY_MS) {
    lastPublished.set(ctx.tenantId, t);
    await publish(ctx, "device", null);
  }
  return { accepted: keep.length, inserted, duplicates: keep.length - inserted, rejected };
}

/** The batch index of each good reading, in order (the indexes not rejected). */
function goodIndexes(total: number, rejected: Rejection[]): number[] {
  const bad = new Set(rejected.map((r) => r.index));
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (!bad.has(i)) out.push(i);
  return out;
}
