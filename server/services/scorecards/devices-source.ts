import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { KPI_DEFS } from "@/lib/scorecards";
import { notTracked, pctMeasure, type KpiMeasure } from "./kpis";
import { byClient, num, rowsOf, topDriver, uuids, type KpiSource, type Row } from "./source-kit";

/*
 * Device uptime from the devices tables (devices.md), in UTC hours:
 *
 *   uptime % = 100 × hours online / hours expected, over the client's active devices, where
 *   - hours expected of a device = the tenant's hours of the month that the hourly run rolled up
 *     (telemetry_rollup_hours), from the first whole hour after the device's installation
 *     (installed_at, else its registration); hours nobody measured (before the module recorded
 *     anything, past the retention, an executor down for days) count for nobody rather than
 *     as downtime;
 *   - hours online of a device = the sum over those hours of telemetry_hourly.up, the share
 *     of the hour the device was heard from against its kind's heartbeat (0–1); a device
 *     silent for a whole rolled hour has no row there, so that hour counts 0.
 *
 * A client with no devices is not tracked; one whose month has no rolled hour has no data.
 */

/** A device's expected and online hours in the window, one row per active device installed before its end. */
function deviceHours(tenantId: string, clients: SQL, start: string, end: string): SQL {
  const s = sql`${start}::timestamptz`;
  const e = sql`${end}::timestamptz`;
  return sql`
    with rolled as materialized (
      select hour from telemetry_rollup_hours
      where tenant_id = ${tenantId} and hour >= ${s} and hour < ${e}),
    dev as (
      select d.id, d.client_id, d.site_id, d.name, d.serial, d.last_seen_at,
        greatest(${s}, date_trunc('hour',
          coalesce(d.installed_at, d.created_at) + interval '1 hour' - interval '1 microsecond', 'UTC')) as since
      from devices d
      where d.tenant_id = ${tenantId} and ${clients} and d.active
        and coalesce(d.installed_at, d.created_at) < ${e}),
    per_device as (
      select dev.*,
        (select count(*) from rolled r where r.hour >= dev.since)::int as expected,
        coalesce((select sum(h.up) from telemetry_hourly h
          where h.device_id = dev.id and h.hour >= dev.since and h.hour < ${e}), 0)::float8 as up
      from dev)`;
}

export type UptimeSite = { label: string; devices: number; expected: number; up: number };

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Hours online over hours expected across the client's sites; the site that lost the most
 * device-hours drives it. `tracked`: whether the client has any device at all.
 */
export function uptimeMeasure(sites: readonly UptimeSite[], tracked: boolean): KpiMeasure {
  if (!tracked) return notTracked("no devices");
  const expected = sites.reduce((a, s) => a + s.expected, 0);
  const up = Math.min(
    expected,
    sites.reduce((a, s) => a + s.up, 0),
  );
  const devices = sites.reduce((a, s) => a + s.devices, 0);
  const lost = sites.map((s) => ({ label: s.label, n: round1(Math.max(0, s.expected - s.up)) }));
  const m = pctMeasure(
    up,
    expected,
    "no device telemetry rolled up this month",
    { devices, lostHours: round1(expected - up) },
    topDriver(lost, "device-hours offline"),
  );
  if (m.status !== "ok") return m;
  // the online hours are a sum of shares: keep one decimal in what is stored
  const driver = m.driver ? { ...m.driver, of: round1(expected - up) } : null;
  return { ...m, inputs: { ...m.inputs, met: round1(up) }, driver };
}

export const devicesSource: KpiSource = {
  id: "devices",
  keys: ["device_uptime_pct"],
  async measure(db, { tenantId, clientIds, start, end }) {
    const ids = uuids(clientIds);
    const [perSite, fleet] = await Promise.all([
      rowsOf(
        db,
        sql`${deviceHours(tenantId, sql`d.client_id = any(${ids}::uuid[])`, start, end)}
        select p.client_id, s.name as label, count(*) filter (where p.expected > 0)::int as devices,
          sum(p.expected)::int as expected, sum(p.up)::float8 as up
        from per_device p join sites s on s.id = p.site_id
        group by 1, 2`,
      ),
      // whether the client has devices at all (any state, any date): otherwise not tracked
      rowsOf(
        db,
        sql`select distinct d.client_id from devices d
        where d.tenant_id = ${tenantId} and d.client_id = any(${ids}::uuid[])`,
      ),
    ]);
    const sites = byClient(perSite);
    const tracked = new Set(fleet.map((r) => String(r.client_id)));
    const asSite = (r: Row): UptimeSite => ({
      label: String(r.label),
      devices: num(r.devices),
      expected: num(r.expected),
      up: num(r.up),
    });
    return new Map(
      clientIds.map((c) => [
        c,
        { device_uptime_pct: uptimeMeasure((sites.get(c) ?? []).map(asSite), tracked.has(c)) },
      ]),
    );
  },
};

/**
 * The devices behind uptime, worst first: each with its own uptime and hours lost, flagged
 * below the KPI's default target. Devices with no expected hour in the month are left out.
 */
export function deviceDrillQuery(w: { t: string; c: string; start: string; end: string }): SQL {
  const target = KPI_DEFS.device_uptime_pct.target;
  return sql`${deviceHours(w.t, sql`d.client_id = ${w.c}`, w.start, w.end)}
    , scored as (
      select p.*, 100 * least(p.up, p.expected) / p.expected as pct from per_device p
      where p.expected > 0)
    select p.id::text as id, p.serial as ref, p.name as title, s.name as site,
      p.last_seen_at as at,
      round(p.pct::numeric, 1) || ' % up · ' || round(greatest(0, p.expected - p.up)::numeric, 1)
        || ' of ' || p.expected || ' h offline' as detail,
      p.pct < ${target} as flagged
    from scored p join sites s on s.id = p.site_id
    order by p.pct, p.name, p.id`;
}
