import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { HOUR_MS } from "./hours";
import { windowHours, windowSumColumnsByHour } from "./window";

/**
 * The devices' 24 h windows kept as running sums (device_windows), brought to the window
 * ending at `to` by the hourly run. As scheduled the tenant's windows end an hour before: each
 * is slid — x moves an hour back, the hour that left is taken out, the newest rollup added —
 * which reads three hours of rollups instead of 24. Windows that cannot slide (a new device,
 * a max or min whose hour left, a re-rolled hour, a missed run) are summed afresh from their
 * rollups. Integer sums slide exactly; the others as float8 additions, which differ from a
 * fresh sum in the last bits only (a parallel aggregate's summing order already does) — and,
 * so that this difference stays bounded, a window slid WINDOW_SLIDES_BEFORE_RESUM times is
 * summed afresh instead of slid. A full re-sum starts each window's count at its own offset
 * (from its device id), so about 1/WINDOW_SLIDES_BEFORE_RESUM of a fleet is re-summed each
 * hour: the cost stays flat from one run to the next, no hour re-sums the whole fleet.
 */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** A window slid this many times since it was last summed afresh is summed afresh instead. */
export const WINDOW_SLIDES_BEFORE_RESUM = 24;
const RESUM = sql.raw(String(WINDOW_SLIDES_BEFORE_RESUM));

/** The window columns of device_windows, in the order sumsOf names them. */
const STATE_COLUMNS = [
  ["up24", "up24"],
  ["up6", "up6"],
  ["b_n", "bN"],
  ["b_x", "bX"],
  ["b_xx", "bXX"],
  ["b_y", "bY"],
  ["b_xy", "bXY"],
  ["s_n", "sN"],
  ["s_x", "sX"],
  ["s_xx", "sXX"],
  ["s_y", "sY"],
  ["s_xy", "sXY"],
  ["s_raw_n", "sRawN"],
  ["s_raw_sum", "sRawSum"],
  ["s_raw_sq", "sRawSq"],
  ["temp_n", "tempN"],
  ["temp_out", "tempOut"],
  ["temp_jump", "tempJump"],
  ["reboots_max", "rebootsMax"],
  ["reboots_min", "rebootsMin"],
  ["reboots_last_hour", "rebootsLastHour"],
] as const;
const NULLABLE = new Set(["temp_jump", "reboots_max", "reboots_min", "reboots_last_hour"]);

/** The window sums of device_windows `w`, named as the run's rows name them. */
export function stateSumColumns(): SQL {
  return sql.raw(STATE_COLUMNS.map(([c, k]) => `w.${c} as "${k}"`).join(", "));
}

/**
 * Slides the tenant's windows ending at `to` − 1 h to `to`, counting the slide. A window whose
 * largest temperature jump, or highest or lowest reboot counter, came from the hour that left
 * (and is not matched by the newest hour), or slid WINDOW_SLIDES_BEFORE_RESUM times already,
 * keeps its old end: it is summed afresh.
 */
async function slideWindows(db: DbOrTx, tenantId: string, to: Date) {
  const at = (hoursBefore: number) => ts(new Date(to.getTime() - hoursBefore * HOUR_MS));
  const hour = (alias: string, hoursBefore: number) =>
    sql
      .raw(
        `left join telemetry_hourly ${alias} on ${alias}.device_id = w.device_id
      and ${alias}.tenant_id = w.tenant_id and ${alias}.hour = `,
      )
      .append(at(hoursBefore));
  // f: the newest hour (x = −1), e: the hour that left (x = −25 once shifted), r: the hour
  // that left the last 6
  const gone = sql`v.e_hour`;
  const lost = (col: string, fresh: string, cmp: ">=" | "<=") =>
    sql
      .raw(`(w.${col}_at = `)
      .append(gone)
      .append(sql.raw(` and not coalesce(v.${fresh} ${cmp} w.${col}, false))`));
  const pick = (col: string, fresh: string, cmp: ">=" | "<=") =>
    sql.raw(`${col} = case when v.${fresh} ${cmp} w.${col} or w.${col} is null then v.${fresh} else w.${col} end,
      ${col}_at = case when v.${fresh} ${cmp} w.${col} or (w.${col} is null and v.${fresh} is not null)
        then v.f_hour else w.${col}_at end`);
  const kept = sql`${lost("temp_jump", "f_jump", ">=")} or ${lost("reboots_max", "f_rmax", ">=")}
        or ${lost("reboots_min", "f_rmin", "<=")}`;
  await db.execute(sql`
    update device_windows w set
      window_end = case when ${kept} then w.window_end else ${ts(to)} end,
      slides = case when ${kept} then w.slides else w.slides + 1 end,
      up24 = w.up24 - v.e_up + v.f_up,
      up6 = w.up6 - v.r_up + v.f_up,
      b_n = w.b_n - v.eb + v.fb,
      b_x = w.b_x - w.b_n + 25 * v.eb - v.fb,
      b_xx = w.b_xx - 2 * w.b_x + w.b_n - 625 * v.eb + v.fb,
      b_y = w.b_y - v.ebv + v.fbv,
      b_xy = w.b_xy - w.b_y + 25 * v.ebv - v.fbv,
      s_n = w.s_n - v.es + v.fs,
      s_x = w.s_x - w.s_n + 25 * v.es - v.fs,
      s_xx = w.s_xx - 2 * w.s_x + w.s_n - 625 * v.es + v.fs,
      s_y = w.s_y - v.esv + v.fsv,
      s_xy = w.s_xy - w.s_y + 25 * v.esv - v.fsv,
      s_raw_n = w.s_raw_n - v.e_sn + v.f_sn,
      s_raw_sum = w.s_raw_sum - v.e_ssum + v.f_ssum,
      s_raw_sq = w.s_raw_sq - v.e_ssq + v.f_ssq,
      temp_n = w.temp_n - v.e_tn + v.f_tn,
      temp_out = w.temp_out - v.e_tout + v.f_tout,
      ${pick("temp_jump", "f_jump", ">=")},
      ${pick("reboots_max", "f_rmax", ">=")},
      ${pick("reboots_min", "f_rmin", "<=")},
      reboots_last_hour = v.f_rlast
    from (
      select w.device_id, ${at(1)} as f_hour, ${at(25)} as e_hour,
        coalesce(f.up::float8, 0) as f_up, coalesce(e.up::float8, 0) as e_up,
        coalesce(r.up::float8, 0) as r_up,
        (coalesce(f.battery_n, 0) > 0)::int as fb, (coalesce(e.battery_n, 0) > 0)::int as eb,
        case when f.battery_n > 0 then f.battery_sum / f.battery_n else 0 end as fbv,
        case when e.battery_n > 0 then e.battery_sum / e.battery_n else 0 end as ebv,
        (coalesce(f.signal_n, 0) > 0)::int as fs, (coalesce(e.signal_n, 0) > 0)::int as es,
        case when f.signal_n > 0 then f.signal_sum / f.signal_n else 0 end as fsv,
        case when e.signal_n > 0 then e.signal_sum / e.signal_n else 0 end as esv,
        coalesce(f.signal_n, 0) as f_sn, coalesce(e.signal_n, 0) as e_sn,
        coalesce(f.signal_sum, 0) as f_ssum, coalesce(e.signal_sum, 0) as e_ssum,
        coalesce(f.signal_sumsq, 0) as f_ssq, coalesce(e.signal_sumsq, 0) as e_ssq,
        coalesce(f.temp_n, 0) as f_tn, coalesce(e.temp_n, 0) as e_tn,
        coalesce(f.temp_out, 0) as f_tout, coalesce(e.temp_out, 0) as e_tout,
        f.temp_max - f.temp_min as f_jump, f.reboots_max as f_rmax, f.reboots_min as f_rmin,
        f.reboots_max - f.reboots_min as f_rlast
      from device_windows w
      ${hour("f", 1)}
      ${hour("e", 25)}
      ${hour("r", 7)}
      where w.tenant_id = ${tenantId} and w.window_end = ${at(1)} and w.slides < ${RESUM}
    ) v
    where w.device_id = v.device_id`);
}

/**
 * Sums the windows ending at `to` afresh from the hourly rollups: of the tenant's active
 * devices named in `ids` (their slide counts back to 0), or of all of them (null; each count
 * starts at its device's offset, spreading the re-sums over the hours), written over what
 * they held.
 */
async function sumWindowsAfresh(db: DbOrTx, tenantId: string, to: Date, ids: string[] | null) {
  const from = ts(new Date(to.getTime() - 24 * HOUR_MS));
  const only = (col: string) =>
    ids ? sql.raw(`and ${col} = any(`).append(sql`${`{${ids.join(",")}}`}::uuid[])`) : sql``;
  const cols = STATE_COLUMNS.map(([c]) => c);
  // the latest hour holding each max and min, so that the slide knows when it leaves
  const atOf = (agg: "max" | "min", value: string, sign: string) =>
    sql.raw(`to_timestamp(${sign}(${agg}(array[${value}::float8, ${sign}date_part('epoch', h.hour)])
      filter (where ${value} is not null))[2])`);
  await db.execute(sql`
    insert into device_windows (device_id, tenant_id, window_end, ${sql.raw(cols.join(", "))},
      temp_jump_at, reboots_max_at, reboots_min_at, slides)
    select d.id, d.tenant_id, ${ts(to)}, ${sql.raw(
      STATE_COLUMNS.map(([c, k]) => (NULLABLE.has(c) ? `a."${k}"` : `coalesce(a."${k}", 0)`)).join(
        ", ",
      ),
    )}, a.temp_jump_at, a.reboots_max_at, a.reboots_min_at,
      ${ids ? sql`0` : sql`get_byte(uuid_send(d.id), 15) % ${RESUM}`}
    from devices d
    left join (
      select h.device_id, ${windowSumColumnsByHour()},
        ${atOf("max", "(h.temp_max - h.temp_min)", "")} as temp_jump_at,
        ${atOf("max", "h.reboots_max", "")} as reboots_max_at,
        ${atOf("min", "h.reboots_min", "-")} as reboots_min_at
      from telemetry_hourly h
      join ${windowHours(to)} on hx.hour = h.hour
      where h.tenant_id = ${tenantId} and h.hour >= ${from} and h.hour < ${ts(to)}
        ${only("h.device_id")}
      group by h.device_id
    ) a on a.device_id = d.id
    where d.tenant_id = ${tenantId} and d.active ${only("d.id")}
    on conflict (device_id) do update set window_end = excluded.window_end,
      ${sql.raw(
        [...cols, "temp_jump_at", "reboots_max_at", "reboots_min_at", "slides"]
          .map((c) => `${c} = excluded.${c}`)
          .join(", "),
      )}`);
}

/**
 * Brings the tenant's windows to the one ending at `to` (on the hour): slides them when the
 * tenant's mark says they end an hour before, leaves them when they already end at `to`, and
 * otherwise sums them all afresh; then sums afresh any active device whose window is still
 * elsewhere (it could not slide, or was due its periodic re-sum). In the caller's
 * transaction. Returns how many windows were summed afresh because they could not slide
 * (−1: all of them) and how many because they were due.
 */
export async function bringWindowsTo(db: DbOrTx, tenantId: string, to: Date) {
  const [mark] = await rawRows<{ end: Date | string }>(
    db,
    sql`select window_end as "end" from device_window_marks where tenant_id = ${tenantId}
      for update`,
  );
  const markMs = mark ? new Date(mark.end).getTime() : null;
  let behind: { id: string; due: boolean }[] | null = null;
  if (markMs === to.getTime() - HOUR_MS || markMs === to.getTime()) {
    if (markMs !== to.getTime()) await slideWindows(db, tenantId, to);
    behind = await rawRows<{ id: string; due: boolean }>(
      db,
      sql`select d.id, coalesce(w.slides >= ${RESUM}, false) as due from devices d
      left join device_windows w on w.device_id = d.id
      where d.tenant_id = ${tenantId} and d.active
        and (w.device_id is null or w.window_end <> ${ts(to)})`,
    );
  }
  if (behind === null || behind.length)
    await sumWindowsAfresh(db, tenantId, to, behind && behind.map((r) => r.id));
  await db.execute(sql`
    insert into device_window_marks (tenant_id, window_end) values (${tenantId}, ${ts(to)})
    on conflict (tenant_id) do update set window_end = excluded.window_end`);
  const due = behind?.filter((r) => r.due).length ?? 0;
  return { afresh: behind ? behind.length - due : -1, due };
}

/**
 * After an hour is rolled up (again): windows that hold it no longer match their rollups.
 * The tenant's mark goes, so the next run sums them afresh. The newest hour, rolled for the
 * first time, is not in any window yet and leaves the mark alone.
 */
export async function forgetWindowsHolding(db: DbOrTx, tenantId: string, hour: Date) {
  await db.execute(sql`
    delete from device_window_marks where tenant_id = ${tenantId} and window_end > ${ts(hour)}`);
}
