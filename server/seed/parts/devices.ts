import { eq, sql } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { jobContext } from "@/server/services/_core/system";
import { backfillScores } from "@/server/services/devices/history";
import { updateReplacements } from "@/server/services/devices/maintain";
import { ensurePartitions } from "@/server/services/devices/partitions";
import { HOUR_MS, KIND_TABLE, rollUpTenant } from "@/server/services/devices/rollup";
import { scoreTenantDevices } from "@/server/services/devices/run";
import type { SeedContext, SeedPart } from "../types";
import { planDemoDevices } from "@/server/services/devices/demo-plan";

const DAY_MS = 86_400_000;
/** eight days, so that the first day's scores already look back over a full 24 h */
const HISTORY_DAYS = 8;
const SPAN = sql.raw(String(HISTORY_DAYS * 24));

/** A stable noise in [-1, 1) per device, instant and salt, in SQL. */
const noise = (salt: string) =>
  sql.raw(`((abs(hashtext(dv.serial || '${salt}' || ts::text)) % 2000) / 1000.0 - 1)`);

/**
 * Eight days of readings for the planned devices, at each kind's heartbeat, shaped by their story
 * (see services/devices/demo-plan.ts). One statement per day, set-based.
 */
async function demoTelemetry(
  db: Db,
  tenantId: string,
  plan: ReturnType<typeof planDemoDevices>,
  now: Date,
) {
  const start = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
  const rows = plan.map((p, idx) => ({
    serial: p.serial,
    profile: p.profile,
    flaky: p.flakySite,
    b0: p.battery,
    s0: p.signal,
    t0: p.temperature,
    idx,
  }));
  const e = sql.raw(`(extract(epoch from ts - '${start.toISOString()}'::timestamptz) / 3600)`);
  const l = sql.raw(`(extract(epoch from '${now.toISOString()}'::timestamptz - ts) / 3600)`);
  const n1 = noise("a");
  const n2 = noise("b");
  for (let day = 0; day < HISTORY_DAYS; day++) {
    const from = new Date(start.getTime() + day * DAY_MS);
    const to = new Date(Math.min(now.getTime(), from.getTime() + DAY_MS));
    await db.execute(sql`
      with p as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json)
          as p(serial text, profile text, flaky boolean, b0 float8, s0 float8, t0 float8, idx int)
      ),
      dv as (
        select d.id, d.kind, d.serial, k.hb, k.lo, k.hi, p.profile, p.flaky, p.b0, p.s0, p.t0, p.idx,
          d.kind in ('sensor', 'guard_tablet', 'panic_button') as has_battery
        from devices d join p on p.serial = d.serial join ${KIND_TABLE} on k.kind = d.kind
        where d.tenant_id = ${tenantId}
      )
      insert into telemetry (device_id, ts, battery, signal, temperature, online, reboots)
      select dv.id, ts,
        case when not dv.has_battery then null else greatest(0, least(100, case dv.profile
          when 'drain' then 45 - 37 * power(${e} / ${SPAN}, 1.6) + 0.2 * ${n1}
          when 'drain_fast' then 60 - 54.8 * power(${e} / ${SPAN}, 3) + 0.1 * ${n1}
          when 'decline' then 70 - 30 * ${e} / ${SPAN} + 0.2 * ${n1}
          else dv.b0 - 0.02 * ${e} + 0.3 * ${n1} end)) end,
        greatest(-140, least(-20, case dv.profile
          when 'weak' then -72 - 30 * power(${e} / ${SPAN}, 2) + (3 + 13 * ${e} / ${SPAN}) * ${n1}
          when 'decline' then -60 - 36 * ${e} / ${SPAN} + 1.5 * ${n1}
          else dv.s0 + 2 * ${n1} end)),
        dv.t0 + 2 * sin(2 * pi() * extract(hour from ts) / 24)
          + case when dv.profile = 'hot' and ${l} < 48 then (48 - ${l}) / 48 * 26 + 1.5 * ${n2}
            else 0.5 * ${n2} end,
        true,
        (floor(${e} / 72) + dv.idx % 3
          + case when dv.profile = 'hot' and ${l} < 24 then floor((24 - ${l}) / 5) else 0 end)::int
      from dv
      cross join lateral generate_series(
        ${from.toISOString()}::timestamptz + make_interval(mins => dv.idx % dv.hb),
        ${to.toISOString()}::timestamptz - interval '1 second', make_interval(mins => dv.hb)) ts
      where not (dv.flaky and ${n2} < -0.7)
        and not (dv.flaky and ${l} < 0.67 and dv.idx % 5 <> 0)
        and not (dv.profile = 'weak' and ${l} < 6 and ${n2} < -0.4)
        and not (dv.profile = 'repeat' and ${l} between 72 and 74)`);
  }
  // each device's newest reading is its live state (the run marks the quiet ones offline)
  await db.execute(sql`
    update devices d set last_seen_at = x.ts, online = true, last_battery = x.battery,
      last_signal = x.signal, last_temperature = x.temperature
    from (select distinct on (t.device_id) t.device_id, t.ts, t.battery, t.signal, t.temperature
          from telemetry t join devices d2 on d2.id = t.device_id
          where d2.tenant_id = ${tenantId} and t.ts > ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz
          order by t.device_id, t.ts desc) x
    where d.id = x.device_id`);
}

async function seedFleet(ctx: SeedContext, slug: string, code: string, small: boolean) {
  const tenantId = ctx.tenants.get(slug);
  if (!tenantId) return;
  const now = new Date();
  const sites = await ctx.db
    .select({ id: schema.sites.id, name: schema.sites.name, clientId: schema.sites.clientId })
    .from(schema.sites)
    .where(eq(schema.sites.tenantId, tenantId));
  const siteOf = new Map(sites.map((s) => [s.name, s]));
  const plan = planDemoDevices(
    code,
    sites.map((s) => s.name),
    small,
  );
  await ctx.db.insert(schema.devices).values(
    plan.map((p) => {
      const site = siteOf.get(p.siteName);
      if (!site) throw new Error(`seed: no site ${p.siteName}`);
      return {
        tenantId,
        clientId: site.clientId,
        siteId: site.id,
        kind: p.kind,
        name: p.name,
        model: p.model,
        serial: p.serial,
        installedAt: new Date(now.getTime() - (200 + ctx.random.int(0, 500)) * DAY_MS),
      };
    }),
  );
  await ensurePartitions(ctx.db, new Date(now.getTime() - (HISTORY_DAYS + 1) * DAY_MS), now);
  await demoTelemetry(ctx.db, tenantId, plan, now);
  const seed = jobContext(tenantId, "seed", ctx.db);
  await rollUpTenant(seed, now, { hours: HISTORY_DAYS * 24 });
  // the score trend: every 6 hours of the week (the hourly run writes every hour from now on)
  const instants: Date[] = [];
  for (let h = (HISTORY_DAYS - 1) * 24; h >= 6; h -= 6)
    instants.push(new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - h * HOUR_MS));
  await backfillScores(seed, instants);
  // the month's failures of a device that keeps failing (gold: listed for replacement)
  const repeat = plan.find((p) => p.profile === "repeat");
  if (repeat)
    await ctx.db.execute(sql`
      insert into device_failures (tenant_id, device_id, type, at, detail)
      select ${tenantId}, d.id, 'connectivity', ${now.toISOString()}::timestamptz - make_interval(days => x),
        'Went offline'
      from devices d, unnest(array[25, 14, 3]) x
      where d.tenant_id = ${tenantId} and d.serial = ${repeat.serial}`);
  const run = await scoreTenantDevices(jobContext(tenantId, "device-health-tenant", ctx.db), now);
  await updateReplacements(jobContext(tenantId, "device-maintenance", ctx.db), now);
  ctx.log(
    `devices: ${slug} ${plan.length} devices, ${run.offline} offline, ${run.alertsRaised} alerts`,
  );
}

/** Devices of every kind with a week of telemetry, and (large) 20,000 devices × 24 h. */
export const devicesPart: SeedPart = {
  name: "devices",
  async demo(ctx) {
    await seedFleet(ctx, "northwind", "NW", false);
    await seedFleet(ctx, "bluefin", "BF", true);
  },
  async large(ctx) {
    const tenantId = ctx.tenants.get("northwind");
    if (!tenantId) throw new Error("large seed needs the demo tenant");
    await largeFleet(ctx, tenantId, new Date());
  },
};

/**
 * Hours of readings --scale large gives each device: the 24 h window of the run on the hour,
 * and of the run an hour before it (the bench slides one into the other), both full.
 */
const LARGE_HOURS = 26;

/**
 * --scale large (quality.md): devices on the large tenant's sites up to 20,000 in all, and 26 h
 * of readings every 5 minutes for each (≈ 6.2 M rows; 5.8 M in a 24 h window), inserted an
 * hour at a time in time order as ingestion would, then rolled up.
 */
export async function largeFleet(ctx: SeedContext, tenantId: string, now: Date, total = 20_000) {
  const [{ have = 0 } = {}] = await rawRows<{ have: number }>(
    ctx.db,
    sql`select count(*)::int as have from devices where tenant_id = ${tenantId}`,
  );
  const kinds = `array['camera','access_panel','sensor','guard_tablet','panic_button','fire_panel']::device_kind[]`;
  await ctx.db.execute(sql`
    with s as (
      select id, client_id, row_number() over (order by id) - 1 as i, count(*) over () as c
      from sites where tenant_id = ${tenantId}
        and not exists (select 1 from devices d where d.site_id = sites.id))
    insert into devices (tenant_id, client_id, site_id, kind, name, model, serial, installed_at)
    select ${tenantId}, s.client_id, s.id, (${sql.raw(kinds)})[1 + g % 6],
      'Device ' || g, 'Large-scale', 'LG-' || lpad(g::text, 6, '0'),
      ${now.toISOString()}::timestamptz - interval '300 days'
    from generate_series(0, ${Math.max(0, total - have) - 1}) g
    join s on s.i = g % s.c`);
  const start = new Date(Math.floor(now.getTime() / 300_000) * 300_000 - LARGE_HOURS * HOUR_MS);
  await ensurePartitions(ctx.db, start, now);
  const n1 = noise("a");
  for (let h = 0; h < LARGE_HOURS; h++) {
    const from = new Date(start.getTime() + h * HOUR_MS);
    // profile by serial number: 1 % draining, 1 % losing signal, 0.5 % overheating
    await ctx.db.execute(sql`
      with dv as (
        select d.id, d.kind, d.serial, substr(d.serial, 4)::int % 200 as cls,
          d.kind in ('sensor', 'guard_tablet', 'panic_button') as has_battery
        from devices d where d.tenant_id = ${tenantId} and d.serial like 'LG-%'
      )
      insert into telemetry (device_id, ts, battery, signal, temperature, online, reboots)
      select dv.id, ts,
        case when not dv.has_battery then null
          when dv.cls < 2 then greatest(1, 30 - 20 * (extract(epoch from ts - ${start.toISOString()}::timestamptz) / 86400))
          else 80 + 10 * ${n1} end,
        case when dv.cls between 2 and 3 then -95 - 8 * (extract(epoch from ts - ${start.toISOString()}::timestamptz) / 86400) + 10 * ${n1}
          else -65 + 3 * ${n1} end,
        case when dv.cls = 4 then 45 + 15 * (extract(epoch from ts - ${start.toISOString()}::timestamptz) / 86400) + 2 * ${n1}
          else 24 + 3 * ${n1} end,
        true, (dv.cls % 5)
      from generate_series(${from.toISOString()}::timestamptz,
        ${new Date(from.getTime() + HOUR_MS - 1000).toISOString()}::timestamptz, interval '5 minutes') ts
      cross join dv
      order by ts`);
  }
  await ctx.db.execute(sql`
    update devices d set last_seen_at = x.ts, online = true, last_battery = x.battery,
      last_signal = x.signal, last_temperature = x.temperature
    from (select distinct on (t.device_id) t.device_id, t.ts, t.battery, t.signal, t.temperature
          from telemetry t
          where t.ts >= ${new Date(start.getTime() + (LARGE_HOURS - 1) * HOUR_MS).toISOString()}::timestamptz
          order by t.device_id, t.ts desc) x
    where d.id = x.device_id and d.tenant_id = ${tenantId} and d.serial like 'LG-%'`);
  const rolled = await rollUpTenant(jobContext(tenantId, "seed", ctx.db), now, {
    all: true,
    hours: LARGE_HOURS,
  });
  ctx.log(
    `devices: ${total} devices in the large tenant, ${LARGE_HOURS} h of readings, ${rolled.rows} device-hours rolled up`,
  );
}
