import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AlertType, Severity } from "@/lib/noc";
import type { Tier } from "@/lib/tiers";
import { auc, predictLogistic, trainLogistic } from "../models/logistic";
import { saveTrainedModel } from "../models/model-store";
import { MODEL_RULES } from "../models/rules";
import { features } from "./score";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";

type Row = {
  id: string;
  type: AlertType;
  severity: Severity;
  criticality: number;
  tier: Tier;
  hour: number;
  day: number;
  related: number;
  occurrences: number;
  real: boolean;
};

/**
 * Trains the tenant's alert-priority model from its resolved alerts: a real incident
 * (resolved as handled, or escalated) is a positive, a false alarm, duplicate or
 * self-clearing alert a negative. Fits on 80 % (a fixed split by id), measures AUC on the
 * rest, and stores the model — usable only with enough labels and AUC ≥ 0.6.
 */
export async function trainAlertModel(ctx: ServiceCtx, now: Date) {
  const { db, tenantId } = ctx;
  const rows = await rawRows<Row>(
    db,
    sql`
    select a.id, a.type, a.severity, s.criticality, c.tier,
      extract(hour from a.first_seen_at at time zone s.time_zone)::int as hour,
      extract(dow from a.first_seen_at at time zone s.time_zone)::int as day,
      (select count(*)::int from alerts r
        where r.tenant_id = a.tenant_id and r.site_id = a.site_id and r.id <> a.id
          and r.last_seen_at between a.first_seen_at - interval '24 hours' and a.first_seen_at) as related,
      a.occurrence_count as occurrences,
      (a.resolution = 'manual' or a.escalated) as real
    from alerts a
    join sites s on s.id = a.site_id
    join clients c on c.id = a.client_id
    where a.tenant_id = ${tenantId} and a.status = 'resolved' and a.resolution is not null
      and a.resolved_at > ${now.toISOString()}::timestamptz - ${`${MODEL_RULES.lookbackDays} days`}::interval
    order by a.resolved_at desc
    limit ${MODEL_RULES.maxRows}`,
  );
  const positives = rows.filter((r) => r.real).length;
  const negatives = rows.length - positives;
  if (
    rows.length < MODEL_RULES.minSamples ||
    positives < MODEL_RULES.minEachClass ||
    negatives < MODEL_RULES.minEachClass
  ) {
    return { outcome: "too few labels" as const, samples: rows.length, positives };
  }
  const x = (r: Row) =>
    features({
      type: r.type,
      severity: r.severity,
      siteCriticality: r.criticality,
      clientTier: r.tier,
      localHour: r.hour,
      localDay: r.day,
      relatedLast24h: r.related,
      occurrences: r.occurrences,
      deviceHealth: null,
      slaHoursLeft: null,
    });
  const holdout = (id: string) => (createHash("sha1").update(id).digest()[0] ?? 0) < 52; // ≈ 20 %
  const train = rows.filter((r) => !holdout(r.id));
  const test = rows.filter((r) => holdout(r.id));
  const model = trainLogistic(
    train.map(x),
    train.map((r) => (r.real ? 1 : 0)),
  );
  const score = auc(
    test.map((r) => predictLogistic(model, x(r)).p),
    test.map((r) => (r.real ? 1 : 0)),
  );
  return saveTrainedModel(db, {
    tenantId,
    kind: "alert",
    model,
    samples: rows.length,
    positives,
    auc: score,
  });
}
