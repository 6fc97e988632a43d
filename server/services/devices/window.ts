import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DeviceKind } from "@/lib/devices";
import type { DeviceWindow } from "./health";
import { HOUR_MS } from "./hours";

/**
 * A device's 24 h window as additive sums over its hourly rollups (and max/min): the hourly
 * run slides each device's sums by an hour (window-state.ts) rather than summing its 24
 * rollups again. The slopes are least squares over the hourly means, computed from the sums
 * (x = hours before the window's end).
 */
export type WindowSums = {
  up24: number;
  up6: number;
  bN: number;
  bX: number;
  bXX: number;
  bY: number;
  bXY: number;
  sN: number;
  sX: number;
  sXX: number;
  sY: number;
  sXY: number;
  /** every signal reading (not hourly means): the deviation's sums */
  sRawN: number;
  sRawSum: number;
  sRawSq: number;
  tempN: number;
  tempOut: number;
  tempJump: number | null;
  rebootsMax: number | null;
  rebootsMin: number | null;
  rebootsLastHour: number | null;
};

export const EMPTY_SUMS: WindowSums = {
  up24: 0,
  up6: 0,
  bN: 0,
  bX: 0,
  bXX: 0,
  bY: 0,
  bXY: 0,
  sN: 0,
  sX: 0,
  sXX: 0,
  sY: 0,
  sXY: 0,
  sRawN: 0,
  sRawSum: 0,
  sRawSq: 0,
  tempN: 0,
  tempOut: 0,
  tempJump: null,
  rebootsMax: null,
  rebootsMin: null,
  rebootsLastHour: null,
};

const SUM_KEYS = [
  "up24",
  "up6",
  "bN",
  "bX",
  "bXX",
  "bY",
  "bXY",
  "sN",
  "sX",
  "sXX",
  "sY",
  "sXY",
  "sRawN",
  "sRawSum",
  "sRawSq",
  "tempN",
  "tempOut",
] as const;

/**
 * The sums as SQL aggregates over rollup rows `h`, each row's offset x (hours before the
 * window's end) and flags (one of the last 6 hours, the last hour) given as expressions.
 * float8 throughout (date_part, not extract, which is numeric since PostgreSQL 14 and several
 * times slower per row; uptime summed as float8, as the sliding windows keep it).
 */
function sumColumns(x: SQL, recent: SQL, last: SQL): SQL {
  const b = sql`(h.battery_sum / h.battery_n)`;
  const s = sql`(h.signal_sum / h.signal_n)`;
  const hasB = sql`h.battery_n > 0`;
  const hasS = sql`h.signal_n > 0`;
  return sql`
      coalesce(sum(h.up::float8), 0) as up24,
      coalesce(sum(case when ${recent} then h.up::float8 end), 0) as up6,
      count(*) filter (where ${hasB})::int as "bN",
      coalesce(sum(${x}) filter (where ${hasB}), 0) as "bX",
      coalesce(sum(${x} * ${x}) filter (where ${hasB}), 0) as "bXX",
      coalesce(sum(${b}) filter (where ${hasB}), 0) as "bY",
      coalesce(sum(${x} * ${b}) filter (where ${hasB}), 0) as "bXY",
      count(*) filter (where ${hasS})::int as "sN",
      coalesce(sum(${x}) filter (where ${hasS}), 0) as "sX",
      coalesce(sum(${x} * ${x}) filter (where ${hasS}), 0) as "sXX",
      coalesce(sum(${s}) filter (where ${hasS}), 0) as "sY",
      coalesce(sum(${x} * ${s}) filter (where ${hasS}), 0) as "sXY",
      coalesce(sum(h.signal_n), 0)::int as "sRawN",
      coalesce(sum(h.signal_sum), 0) as "sRawSum",
      coalesce(sum(h.signal_sumsq), 0) as "sRawSq",
      coalesce(sum(h.temp_n), 0)::int as "tempN",
      coalesce(sum(h.temp_out), 0)::int as "tempOut",
      max(h.temp_max - h.temp_min) as "tempJump",
      max(h.reboots_max) as "rebootsMax",
      min(h.reboots_min) as "rebootsMin",
      sum(case when ${last} then h.reboots_max - h.reboots_min end)::int as "rebootsLastHour"`;
}

/** The sums over rollup rows `h` of a window ending at `to` (a SQL timestamptz): training. */
export function windowSumColumns(to: SQL): SQL {
  return sumColumns(
    sql`(date_part('epoch', h.hour - ${to}) / 3600)`,
    sql`h.hour >= ${to} - interval '6 hours'`,
    sql`h.hour = ${to} - interval '1 hour'`,
  );
}

/**
 * The window's hours as a row source `hx(hour, x, recent, last)`: each hour of [to − 24 h, to)
 * on the rollups' hour grid, leaving out `skip`, with its offset x (hours before `to`), whether
 * it is one of the last 6 and whether it is the last. Joined to the rollups, every row takes
 * these from a 24-row hash table instead of working them out once per aggregate (the
 * interval arithmetic per row and aggregate was most of the hourly run's read), and the join
 * stays parallel, which an `offset 0` subquery computing them once per row would not.
 * The expressions are those of windowSumColumns, evaluated on the 24 rows.
 */
export function windowHours(to: Date, skip: Date[] = []): SQL {
  const toMs = to.getTime();
  const skipped = new Set(skip.map((d) => d.getTime()));
  const hours: string[] = [];
  for (let h = Math.ceil((toMs - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS; h < toMs; h += HOUR_MS)
    if (!skipped.has(h)) hours.push(new Date(h).toISOString());
  const end = sql`${to.toISOString()}::timestamptz`;
  // an empty window still needs a typed row source: one row no rollup hour matches
  const rows = hours.length
    ? sql.join(
        hours.map((h) => {
          const hour = sql`${h}::timestamptz`;
          return sql`(${hour}, date_part('epoch', ${hour} - ${end}) / 3600,
            ${hour} >= ${end} - interval '6 hours', ${hour} = ${end} - interval '1 hour')`;
        }),
        sql`, `,
      )
    : sql`(null::timestamptz, null::float8, false, false)`;
  return sql`(values ${rows}) as hx(hour, x, recent, last)`;
}

/**
 * The sums over rollup rows `h` joined to windowHours `hx` (the hourly run): each hour's
 * offset and flags read from `hx`.
 */
export function windowSumColumnsByHour(): SQL {
  return sumColumns(sql`hx.x`, sql`hx.recent`, sql`hx.last`);
}

/** The sums' columns of a subquery `w` over windowSumColumnsByHour (its device_id left out). */
export function windowSumNames(): SQL {
  return sql.raw(
    [...SUM_KEYS, "tempJump", "rebootsMax", "rebootsMin", "rebootsLastHour"]
      .map((k) => `w."${k}"`)
      .join(", "),
  );
}

const opt = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Numbers as SQL sends them (sums of float8 can arrive as strings from some drivers' types). */
export function sumsOf(r: Record<string, unknown>): WindowSums {
  const out = { ...EMPTY_SUMS };
  for (const k of SUM_KEYS) out[k] = Number(r[k] ?? 0);
  out.tempJump = opt(r.tempJump);
  out.rebootsMax = opt(r.rebootsMax);
  out.rebootsMin = opt(r.rebootsMin);
  out.rebootsLastHour = opt(r.rebootsLastHour);
  return out;
}

/** Least squares over the hourly means: slope per hour and mean, or nulls without data. */
function fit(n: number, sx: number, sxx: number, sy: number, sxy: number) {
  if (n === 0) return { avg: null, slope: null };
  const d = n * sxx - sx * sx;
  return { avg: sy / n, slope: n >= 2 && d > 1e-9 ? (n * sxy - sx * sy) / d : null };
}

/** What the rules see of a device: its live state and its window's sums, finished. */
export type WindowInput = {
  kind: DeviceKind;
  lastBattery: number | null;
  lastSignal: number | null;
  lastTemperature: number | null;
  /** hours of the window the device was installed for (1–24) */
  windowHours: number;
};

export function toWindow(r: WindowInput, w: WindowSums): DeviceWindow {
  const hours = Math.max(1, Math.min(24, r.windowHours));
  const recentHours = Math.min(6, hours);
  const earlierHours = hours - recentHours;
  const battery = fit(w.bN, w.bX, w.bXX, w.bY, w.bXY);
  const signal = fit(w.sN, w.sX, w.sXX, w.sY, w.sXY);
  const mean = w.sRawN ? w.sRawSum / w.sRawN : null;
  return {
    kind: r.kind,
    lastBattery: r.lastBattery,
    lastSignal: r.lastSignal,
    lastTemperature: r.lastTemperature,
    uptime: Math.min(1, w.up24 / hours),
    uptimeRecent: Math.min(1, w.up6 / recentHours),
    // a device installed within the last 6 hours has no "before" to compare with
    uptimeEarlier:
      earlierHours > 0
        ? Math.min(1, (w.up24 - w.up6) / earlierHours)
        : Math.min(1, w.up6 / recentHours),
    batteryAvg: battery.avg,
    batterySlope: battery.slope,
    signalAvg: signal.avg,
    signalSd: mean === null ? null : Math.sqrt(Math.max(0, w.sRawSq / w.sRawN - mean * mean)),
    signalSlope: signal.slope,
    tempN: w.tempN,
    tempOutShare: w.tempN ? w.tempOut / w.tempN : 0,
    tempMaxJump: w.tempJump,
    reboots:
      w.rebootsMax !== null && w.rebootsMin !== null ? Math.max(0, w.rebootsMax - w.rebootsMin) : 0,
  };
}
