import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DeviceKind } from "@/lib/devices";
import { rawRows } from "@/server/db/raw";
import type { JobCtx } from "../_core/system";
import { auc, predictLogistic, trainLogistic } from "../models/logistic";
import { saveTrainedModel } from "../models/model-store";
import { MODEL_RULES } from "../models/rules";
import { deviceFeatures } from "./predict-rules";
import { sumsOf, toWindow, windowSumColumns, type WindowInput } from "./window";

/** How far back training looks for failures (rollups are kept far longer). */
const LOOKBACK_DAYS = 30;
/** Healthy windows drawn per failure (at least 200 in all). */
const NEGATIVES_PER_POSITIVE = 4;

type Sample = WindowInput & Record<string, unknown> & { deviceId: string; failed: boolean };

/**
 * Trains the tenant's device-failure model: each recorded failure is a positive, seen through
 * the 24 h window of rollups that preceded the hour it happened in; windows of devices that
 * did not fail in the following hour are the negatives (drawn at random hours, a fixed
 * number per positive). Features are exactly what the hourly run computes (the same SQL
 * columns and the same mapping), with what was live then unknown (the window's means stand
 * in). Fits on 80 % (split by device), measures AUC on the rest, and stores the model like
 * the NOC's: usable only with enough labels and AUC ≥ 0.6, the rules predicting otherwise.
 */
export async function trainDeviceModel(ctx: JobCtx, now: Date) {
  const { db, tenantId } = ctx;
  const at = now.toISOString();
  const rows = await rawRows<Sample>(
    db,
    sql`
    with positives as (
      select distinct f.device_id, date_trunc('hour', f.at, 'UTC') as "to", true as failed
      from device_failures f
      where f.tenant_id = ${tenantId}
        and f.at > ${at}::timestamptz - make_interval(days => ${LOOKBACK_DAYS})
        and f.at <= ${at}::timestamptz
      limit ${Math.floor(MODEL_RULES.maxRows / (NEGATIVES_PER_POSITIVE + 1))}
    ),
    negatives as (
      -- a random hour of the lookback for devices drawn at random, as many as needed
      select d.id as device_id,
        date_trunc('hour', ${at}::timestamptz, 'UTC')
          - make_interval(hours => 1 + (abs(hashtext(d.id::text || g::text)) % (${LOOKBACK_DAYS} * 24 - 25))) as "to",
        false as failed
      from devices d, generate_series(1, 4) g
      where d.tenant_id = ${tenantId}
      order by hashtext(d.id::text || g::text || ${at})
      limit (select greatest(${MODEL_RULES.minSamples}, count(*) * ${NEGATIVES_PER_POSITIVE}) from positives)
    ),
    samples as (
      select * from positives
      union all
      select n.* from negatives n
      where not exists (select 1 from device_failures f where f.device_id = n.device_id
        and f.at >= n."to" and f.at < n."to" + interval '1 hour')
    )
    select s.device_id as "deviceId", s.failed, d.kind, 24 as "windowHours",
      null::real as "lastBattery", null::real as "lastSignal", null::real as "lastTemperature", w.*
    from samples s
    join devices d on d.id = s.device_id
    cross join lateral (
      select ${windowSumColumns(sql`s."to"`)}
      from telemetry_hourly h
      where h.device_id = s.device_id and h.hour >= s."to" - interval '24 hours' and h.hour < s."to"
    ) w
    where w."bN" + w."sN" + w."tempN" > 0 or w.up24 > 0`,
  );
  const positives = rows.filter((r) => r.failed).length;
  if (
    rows.length < MODEL_RULES.minSamples ||
    positives < MODEL_RULES.minEachClass ||
    rows.length - positives < MODEL_RULES.minEachClass
  )
    return { outcome: "too few labels" as const, samples: rows.length, positives };
  const x = (r: Sample) =>
    deviceFeatures(toWindow({ ...r, kind: r.kind as DeviceKind }, sumsOf(r)));
  // split by device, so one device's windows never sit on both sides
  const holdout = (id: string) => (createHash("sha1").update(id).digest()[0] ?? 0) < 52;
  const train = rows.filter((r) => !holdout(r.deviceId));
  const test = rows.filter((r) => holdout(r.deviceId));
  if (!train.length || !test.length)
    return { outcome: "too few labels" as const, samples: rows.length, positives };
  const model = trainLogistic(
    train.map(x),
    train.map((r) => (r.failed ? 1 : 0)),
    { iterations: 400 },
  );
  const score = auc(
    test.map((r) => predictLogistic(model, x(r)).p),
    test.map((r) => (r.failed ? 1 : 0)),
  );
  return saveTrainedModel(db, {
    tenantId,
    kind: "device",
    model,
    samples: rows.length,
    positives,
    auc: score,
  });
}
