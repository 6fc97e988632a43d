import "server-only";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { KIND_PROFILES, type FailureType } from "@/lib/devices";
import { tierIncludes, type Feature } from "@/lib/tiers";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { NotFoundError, TierRequiredError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";
import { lastRunAt } from "./fleet";
import { hourFloor, HOUR_MS } from "./rollup";

const { devices, deviceHealth, sites, clients, deviceScores, alerts, deviceFailures } = schema;
const { deviceWorkOrders, workOrders } = schema;
const DAY_MS = 86_400_000;

/** A device of the tenant in the actor's sites, with its client's plan, or NotFoundError. */
export async function getDeviceInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select({
      id: devices.id,
      name: devices.name,
      kind: devices.kind,
      model: devices.model,
      serial: devices.serial,
      installedAt: devices.installedAt,
      active: devices.active,
      apiKeyPrefix: devices.apiKeyPrefix,
      siteId: devices.siteId,
      siteName: sites.name,
      timeZone: sites.timeZone,
      clientId: devices.clientId,
      clientName: clients.name,
      tier: clients.tier,
      online: devices.online,
      lastSeenAt: devices.lastSeenAt,
      offlineSince: devices.offlineSince,
      lastBattery: devices.lastBattery,
      lastSignal: devices.lastSignal,
      lastTemperature: devices.lastTemperature,
      score: deviceHealth.score,
      components: deviceHealth.components,
      prediction: deviceHealth.prediction,
      scoredAt: deviceHealth.scoredAt,
      replacementReason: deviceHealth.replacementReason,
      replacementSince: deviceHealth.replacementSince,
    })
    .from(devices)
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .innerJoin(clients, eq(clients.id, devices.clientId))
    .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
    .where(
      and(
        eq(devices.id, id),
        eq(devices.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, devices.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Device");
  return row;
}

export type SeriesPoint = {
  hour: Date;
  battery: number | null;
  batteryMin: number | null;
  signal: number | null;
  signalMin: number | null;
  temperature: number | null;
  temperatureMax: number | null;
  /** share of the hour the device was heard from (0–1) */
  uptime: number;
  readings: number;
};

/**
 * A device's hourly battery, signal and temperature from `from` to now: the rollups for the
 * hours rolled up, and the raw readings (grouped by hour the same way) for those not yet.
 */
export async function hourlySeries(
  ctx: ServiceCtx,
  deviceId: string,
  kindHeartbeat: number,
  from: Date,
  now: Date,
) {
  const rows = await rawRows<Omit<SeriesPoint, "hour"> & { hour: string | Date }>(
    ctx.db,
    sql`
    with rolled as (
      select hour, battery_sum / nullif(battery_n, 0) as battery, battery_min as "batteryMin",
        signal_sum / nullif(signal_n, 0) as signal, signal_min as "signalMin",
        temp_sum / nullif(temp_n, 0) as temperature, temp_max as "temperatureMax",
        up::float8 as uptime, n as readings
      from telemetry_hourly
      where device_id = ${deviceId} and tenant_id = ${ctx.tenantId}
        and hour >= ${from.toISOString()}::timestamptz and hour <= ${now.toISOString()}::timestamptz
    )
    select * from rolled
    union all
    select date_trunc('hour', t.ts, 'UTC'), avg(t.battery), min(t.battery), avg(t.signal),
      min(t.signal), avg(t.temperature), max(t.temperature),
      least(1, count(*) filter (where t.online) * ${kindHeartbeat}::float8 / 60), count(*)::int
    from telemetry t
    where t.device_id = ${deviceId}
      and t.ts >= greatest(${from.toISOString()}::timestamptz,
        coalesce((select max(hour) from rolled) + interval '1 hour', ${from.toISOString()}::timestamptz))
      and t.ts <= ${now.toISOString()}::timestamptz
    group by 1
    order by 1`,
  );
  return rows.map((r) => ({
    ...r,
    hour: new Date(r.hour),
    battery: num(r.battery),
    batteryMin: num(r.batteryMin),
    signal: num(r.signal),
    signalMin: num(r.signalMin),
    temperature: num(r.temperature),
    temperatureMax: num(r.temperatureMax),
    uptime: Number(r.uptime),
    readings: Number(r.readings),
  }));
}

const num = (v: unknown) =>
  v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;

function requirePlan(
  d: { tier: Parameters<typeof tierIncludes>[0]; clientName: string },
  feature: Feature,
) {
  if (!tierIncludes(d.tier, feature)) throw new TierRequiredError(feature, d.clientName, d.tier);
}

/**
 * The device page (devices.md): battery, signal and temperature over 7 days, the score trend
 * with its components, the current prediction with its explanation and recommendation, the
 * alert history, failures and work orders; the replacement reason on gold. Silver and up.
 */
export async function deviceDetail(ctx: ServiceCtx, input: { id: string }, now: Date) {
  const d = await getDeviceInTenant(ctx, input.id);
  requirePlan(d, "deviceHealth");
  const from = new Date(hourFloor(now).getTime() - 7 * DAY_MS);
  const [series, scores, alertRows, failures, orders, lastRun] = await Promise.all([
    hourlySeries(ctx, d.id, KIND_PROFILES[d.kind].heartbeatMinutes, from, now),
    ctx.db
      .select({
        runAt: deviceScores.runAt,
        score: deviceScores.score,
        battery: deviceScores.battery,
        signal: deviceScores.signal,
        uptime: deviceScores.uptime,
        temperature: deviceScores.temperature,
        probability: deviceScores.probability,
        failureType: deviceScores.failureType,
      })
      .from(deviceScores)
      .where(and(eq(deviceScores.deviceId, d.id), gte(deviceScores.runAt, from)))
      .orderBy(deviceScores.runAt),
    ctx.db
      .select({
        id: alerts.id,
        type: alerts.type,
        severity: alerts.severity,
        title: alerts.title,
        status: alerts.status,
        firstSeenAt: alerts.firstSeenAt,
        resolvedAt: alerts.resolvedAt,
        resolution: alerts.resolution,
        resolutionNote: alerts.resolutionNote,
      })
      .from(alerts)
      .where(and(eq(alerts.tenantId, ctx.tenantId), eq(alerts.deviceId, d.id)))
      .orderBy(desc(alerts.firstSeenAt))
      .limit(50),
    ctx.db
      .select({ type: deviceFailures.type, at: deviceFailures.at, detail: deviceFailures.detail })
      .from(deviceFailures)
      .where(
        and(
          eq(deviceFailures.deviceId, d.id),
          gte(deviceFailures.at, new Date(now.getTime() - 30 * DAY_MS)),
        ),
      )
      .orderBy(desc(deviceFailures.at)),
    ctx.db
      .select({
        id: workOrders.id,
        number: workOrders.number,
        title: workOrders.title,
        status: workOrders.status,
        failureType: deviceWorkOrders.failureType,
        createdAt: workOrders.createdAt,
      })
      .from(deviceWorkOrders)
      .innerJoin(workOrders, eq(workOrders.id, deviceWorkOrders.workOrderId))
      .where(and(eq(deviceWorkOrders.deviceId, d.id), eq(deviceWorkOrders.tenantId, ctx.tenantId)))
      .orderBy(desc(workOrders.createdAt)),
    // the device's row changes only when its shown health does: the run checked it since
    lastRunAt(ctx),
  ]);
  const { tier, replacementReason, replacementSince, ...device } = d;
  const gold = tierIncludes(tier, "predictiveReplacement");
  return {
    device: { ...device, tier, profile: KIND_PROFILES[d.kind] },
    series,
    scores,
    alerts: alertRows,
    failures,
    workOrders: orders,
    /** the tenant's last hourly run; `device.scoredAt` is when this device's health last changed */
    lastRunAt: lastRun,
    replacement: gold
      ? { available: true as const, reason: replacementReason, since: replacementSince }
      : { available: false as const, reason: null, since: null },
  };
}

/** Which signal a sparkline follows for each failure type. */
const FOCUS: Record<FailureType, "battery" | "signal" | "temperature"> = {
  battery: "battery",
  connectivity: "signal",
  device: "temperature",
};

/**
 * The device section of the NOC's alert panel: who the device is, online or not, its health
 * (silver and up) and the 24 h sparkline of the signal its prediction is about, and the
 * prediction with its recommendation (bronze and up). What the plan lacks is named, not hidden.
 */
export async function deviceSnapshot(ctx: ServiceCtx, input: { id: string }, now: Date) {
  const d = await getDeviceInTenant(ctx, input.id);
  const health = tierIncludes(d.tier, "deviceHealth");
  const predicts = tierIncludes(d.tier, "deviceFailureAlerts");
  const focus = FOCUS[d.prediction?.type ?? "connectivity"];
  const series = health
    ? await hourlySeries(
        ctx,
        d.id,
        KIND_PROFILES[d.kind].heartbeatMinutes,
        new Date(hourFloor(now).getTime() - 24 * HOUR_MS),
        now,
      )
    : [];
  return {
    device: {
      id: d.id,
      name: d.name,
      kind: d.kind,
      model: d.model,
      serial: d.serial,
      siteId: d.siteId,
      siteName: d.siteName,
      clientName: d.clientName,
      online: d.online,
      lastSeenAt: d.lastSeenAt,
      offlineSince: d.offlineSince,
      lastBattery: d.lastBattery,
      lastSignal: d.lastSignal,
      lastTemperature: d.lastTemperature,
    },
    health: health ? { score: d.score, components: d.components, scoredAt: d.scoredAt } : null,
    sparkline: health
      ? {
          focus,
          points: series.map((p) => ({
            hour: p.hour,
            value: focus === "temperature" ? p.temperatureMax : p[focus],
          })),
        }
      : null,
    prediction: predicts ? d.prediction : null,
    /** when the prediction was last rewritten (its reasons' figures are of that run) */
    predictionAsOf: predicts ? d.scoredAt : null,
    /** the features this client's plan lacks, for the panel to show them locked */
    locked: [
      ...(health ? [] : (["deviceHealth"] as const)),
      ...(predicts ? [] : (["deviceFailureAlerts"] as const)),
    ],
  };
}
