import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { DEVICE_RULES, type DeviceKind } from "@/lib/devices";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { JobCtx } from "../_core/system";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { usableModel } from "../models/model-store";
import { reconcileDeviceAlerts, type AlertView } from "./alerts";
import { evaluateDevice, type DeviceRow } from "./evaluate";
import { dueHours, hourFloor, HOUR_MS, rollHours } from "./rollup";
import { writeResults } from "./run-write";
import { windowHours, windowSumColumnsByHour, windowSumNames } from "./window";
import { bringWindowsTo, stateSumColumns } from "./window-state";

const { deviceHealthRuns } = schema;

/** The newest usable device-failure model of a tenant, or null (the rules predict). */
export const usableDeviceModel = (ctx: JobCtx) => usableModel(ctx, "device");

/** A device's live state as the run reads it, beside its window's sums (devices `d`). */
function deviceColumns(to: Date): SQL {
  const end = sql`${to.toISOString()}::timestamptz`;
  const from = new Date(to.getTime() - 24 * HOUR_MS).toISOString();
  return sql`d.id, d.name, d.kind, d.client_id as "clientId", d.site_id as "siteId", c.tier,
      d.online, date_part('epoch', d.last_seen_at) * 1000 as "lastSeenMs",
      date_part('epoch', d.offline_since) * 1000 as "offlineSinceMs",
      d.last_battery as "lastBattery", d.last_signal as "lastSignal",
      d.last_temperature as "lastTemperature",
      least(24, greatest(1, ceil(date_part('epoch', ${end}
        - greatest(coalesce(d.installed_at, ${from}::timestamptz), ${from}::timestamptz)) / 3600)))::int
        as "windowHours", hh.signature as "prevSignature"`;
}

/**
 * Every active device of the tenant with its live state and the sums of its hourly rollups
 * of the 24 h before `to`, leaving out `skip`, summed afresh: one query, for the score-history
 * backfill (and as the reference the sliding windows are tested against).
 */
export function deviceWindowsQuery(tenantId: string, to: Date, skip: Date[] = []) {
  const end = sql`${to.toISOString()}::timestamptz`;
  const from = new Date(to.getTime() - 24 * HOUR_MS).toISOString();
  return sql`
    select ${deviceColumns(to)}, ${windowSumNames()}
    from devices d
    join clients c on c.id = d.client_id
    left join device_health hh on hh.device_id = d.id
    left join (
      select h.device_id, ${windowSumColumnsByHour()}
      from telemetry_hourly h
      join ${windowHours(to, skip)} on hx.hour = h.hour
      where h.tenant_id = ${tenantId} and h.hour >= ${from}::timestamptz and h.hour < ${end}
      group by h.device_id
    ) w on w.device_id = d.id
    where d.tenant_id = ${tenantId} and d.active`;
}

/** Every active device of the tenant with its live state and its window ending at `to`. */
export function deviceStatesQuery(tenantId: string, to: Date) {
  return sql`
    select ${deviceColumns(to)}, ${stateSumColumns()}
    from devices d
    join clients c on c.id = d.client_id
    left join device_health hh on hh.device_id = d.id
    left join device_windows w on w.device_id = d.id
      and w.window_end = ${to.toISOString()}::timestamptz
    where d.tenant_id = ${tenantId} and d.active`;
}

/**
 * The hourly run for one tenant: rolls the finished hours up, then scores every device and
 * predicts its next hour from one read of the last 24 hourly rollups, writes the results
 * set-based, and raises or resolves its alerts through the NOC's alert path. Offline
 * detection needs no data: a device past its kind's timeout is marked offline here.
 * Clients on no plan get the offline mark only; bronze gets predictions and alerts; silver
 * and gold get scores and their history.
 */
export async function scoreTenantDevices(ctx: JobCtx, now: Date) {
  const started = performance.now();
  const { tenantId } = ctx;
  const to = hourFloor(now);
  const [model, due] = await Promise.all([usableDeviceModel(ctx), dueHours(ctx, now)]);
  const rolled = await rollHours(ctx, due);
  const rolledMs = performance.now() - started;
  // as scheduled the windows slide by the hour just rolled up; see window-state.ts
  const { summed, rows: deviceRows } = await inTx(ctx, async ({ db: tx }) => {
    // summing windows afresh groups every device of the fleet: room in memory, not on disk
    await tx.execute(sql`set local work_mem = '64MB'`);
    const summed = await bringWindowsTo(tx, tenantId, to);
    return { summed, rows: await rawRows<DeviceRow>(tx, deviceStatesQuery(tenantId, to)) };
  });
  const readMs = performance.now() - started;
  const evaluated = deviceRows.map((r) => evaluateDevice(r, model, now));
  const evaluatedMs = performance.now() - started;
  const written = await writeResults(ctx, evaluated, now);
  const writtenMs = performance.now() - started;
  const views: AlertView[] = evaluated.flatMap((e) =>
    e.prediction
      ? [
          {
            id: e.row.id,
            name: e.row.name,
            kind: e.row.kind as DeviceKind,
            siteId: e.row.siteId,
            clientId: e.row.clientId,
            online: e.online,
            lastSeenMs: e.row.lastSeenMs,
            offlineSinceMs: e.timedOut ? e.row.lastSeenMs : e.row.offlineSinceMs,
            prediction: e.prediction,
          },
        ]
      : [],
  );
  const alerts = await reconcileDeviceAlerts(ctx, views, now);
  const ms = Math.round(performance.now() - started);
  const summary = {
    scored: written.scored,
    predicted: views.length,
    atRisk: evaluated.filter(
      (e) =>
        e.online &&
        ((e.prediction?.probability ?? 0) >= DEVICE_RULES.alertAt ||
          (e.score ?? 100) < DEVICE_RULES.atRiskScore),
    ).length,
    offline: evaluated.filter((e) => !e.online).length,
    failures: written.failures,
    alertsRaised: alerts.raised,
    alertsResolved: alerts.resolved,
    scoredBy: model ? `model v${model.version}` : "rules",
  };
  await ctx.db.insert(deviceHealthRuns).values({
    tenantId,
    runAt: now,
    scored: summary.scored,
    atRisk: summary.atRisk,
    offline: summary.offline,
    alertsRaised: summary.alertsRaised,
    alertsResolved: summary.alertsResolved,
    scoredBy: summary.scoredBy,
    durationMs: ms,
  });
  await publish(ctx, "device", null);
  return {
    ...summary,
    rolledHours: due.length,
    rolledRows: rolled.rows,
    windowsSummedAfresh: summed.afresh,
    windowsResummedAsDue: summed.due,
    healthRowsRewritten: written.rewritten,
    ms,
    phases: {
      rollupMs: Math.round(rolledMs),
      // sliding (or summing afresh) the windows and reading them with the devices
      readMs: Math.round(readMs - rolledMs),
      evaluateMs: Math.round(evaluatedMs - readMs),
      writeMs: Math.round(writtenMs - evaluatedMs),
      alertsMs: Math.round(ms - writtenMs),
    },
  };
}
