import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { TicketPriority } from "@/lib/sla";
import { auc, predictLogistic, trainLogistic } from "../models/logistic";
import { saveTrainedModel } from "../models/model-store";
import { MODEL_RULES } from "../models/rules";
import { TimelineCache, computeSlaClock, timelineRangeFor } from "./clock";
import { calendarFor, loadHolidays, loadPolicies } from "./policy-lookup";
import { riskInputAt } from "./predict-score";
import { riskFeatures } from "./risk";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";

type Closed = {
  id: string;
  clientId: string;
  priority: TicketPriority;
  category: string;
  createdAt: Date;
  resolvedAt: Date;
  firstResponseAt: Date | null;
  assigneeId: string | null;
  reopenedCount: number;
  recentSentiment: number | null;
  pauses: { from: string; to: string | null }[];
  timeZone: string;
  breached: boolean;
};

/** Moments in a closed ticket's life at which it is observed for training (share of its life). */
const OBSERVE_AT = [0.2, 0.45, 0.7];

/**
 * Trains the tenant's breach model on its closed tickets (label: resolution breached). Each
 * ticket is observed at a few moments of its life with what was known then (clock used,
 * first response yet or not, time paused), so training sees what prediction sees. Stored
 * like the NOC model; usable only with enough labels and AUC ≥ 0.6.
 */
export async function trainTicketModel(ctx: ServiceCtx, now: Date) {
  const { db, tenantId } = ctx;
  const rows = (
    await rawRows<
      Omit<Closed, "createdAt" | "resolvedAt" | "firstResponseAt"> & {
        createdAt: string;
        resolvedAt: string;
        firstResponseAt: string | null;
      }
    >(
      db,
      sql`
    select t.id, t.client_id as "clientId", t.priority, t.category, t.created_at as "createdAt",
      t.resolved_at as "resolvedAt", t.first_response_at as "firstResponseAt",
      t.assignee_id as "assigneeId", t.reopened_count as "reopenedCount",
      t.recent_sentiment as "recentSentiment", t.pauses, s.time_zone as "timeZone",
      t.resolution_breached as breached
    from tickets t join sites s on s.id = t.site_id
    where t.tenant_id = ${tenantId} and t.resolved_at is not null
      and t.resolved_at > ${now.toISOString()}::timestamptz - ${`${MODEL_RULES.lookbackDays} days`}::interval
    order by t.resolved_at desc
    limit ${MODEL_RULES.maxRows}`,
    )
  ).map((r): Closed => ({
    ...r,
    createdAt: new Date(r.createdAt),
    resolvedAt: new Date(r.resolvedAt),
    firstResponseAt: r.firstResponseAt ? new Date(r.firstResponseAt) : null,
  }));
  const positives = rows.filter((r) => r.breached).length;
  if (
    rows.length < MODEL_RULES.minSamples ||
    positives < MODEL_RULES.minEachClass ||
    rows.length - positives < MODEL_RULES.minEachClass
  )
    return { outcome: "too few labels" as const, samples: rows.length, positives };

  const [policyOf, holidays, slow, load] = await Promise.all([
    loadPolicies(db, tenantId),
    loadHolidays(db, tenantId, [...new Set(rows.map((r) => r.clientId))]),
    rawRows<{ category: string; s: number }>(
      db,
      sql`
      select category, avg(resolution_used_minutes::float8 / nullif(resolution_target_minutes, 0)) as s
      from tickets where tenant_id = ${tenantId} and resolution_used_minutes is not null
      group by category`,
    ),
    rawRows<{ assigneeId: string; n: number }>(
      db,
      sql`
      select assignee_id as "assigneeId", count(*)::int as n from tickets
      where tenant_id = ${tenantId} and assignee_id is not null
        and resolved_at > ${now.toISOString()}::timestamptz - interval '30 days'
      group by assignee_id`,
    ),
  ]);
  const slowness = new Map(slow.map((r) => [r.category, Number(r.s) || 1]));
  // a month's resolved tickets per assignee, scaled to a typical open load
  const workload = new Map(load.map((r) => [r.assigneeId, Math.round(r.n / 4)]));
  const range = timelineRangeFor(
    rows.map((r) => ({
      start: r.createdAt,
      targetMinutes: policyOf(r.clientId, r.priority).resolutionMinutes,
      now: r.resolvedAt,
      stoppedAt: null,
    })),
  );
  const timelines = new TimelineCache(range);
  const samples: { id: string; x: number[]; y: 0 | 1 }[] = [];
  for (const r of rows) {
    const policy = policyOf(r.clientId, r.priority);
    const hol = holidays.get(r.clientId) ?? [];
    const calendar = calendarFor(policy, r.timeZone, hol);
    const timeline = timelines.get(calendar);
    const pauses = r.pauses.map((p) => ({
      from: new Date(p.from),
      to: p.to ? new Date(p.to) : null,
    }));
    const life = r.resolvedAt.getTime() - r.createdAt.getTime();
    for (const u of OBSERVE_AT) {
      const at = new Date(r.createdAt.getTime() + u * life);
      const upTo = pauses
        .filter((p) => p.from < at)
        .map((p) => ({ from: p.from, to: p.to && p.to < at ? p.to : null }));
      const clock = computeSlaClock(
        {
          start: r.createdAt,
          targetMinutes: policy.resolutionMinutes,
          calendar,
          pauses: upTo,
          stoppedAt: null,
          now: at,
        },
        timeline,
        { spans: false },
      );
      // past its target already: the rule says 1, there is nothing to learn
      if (clock.remainingMinutes <= 0) continue;
      const pausedHours =
        upTo.reduce((s, p) => s + ((p.to ?? at).getTime() - p.from.getTime()), 0) / 3_600_000;
      const input = riskInputAt(
        {
          ...r,
          assigneeOpen: r.assigneeId ? (workload.get(r.assigneeId) ?? 0) : null,
          categorySlowness: slowness.get(r.category) ?? 1,
        },
        clock,
        policy.resolutionMinutes,
        pausedHours,
        at,
      );
      samples.push({ id: `${r.id}:${u}`, x: riskFeatures(input), y: r.breached ? 1 : 0 });
    }
  }
  // split by ticket, so one ticket's observations never sit on both sides
  const holdout = (id: string) =>
    (createHash("sha1")
      .update(id.split(":")[0] ?? id)
      .digest()[0] ?? 0) < 52;
  const train = samples.filter((s) => !holdout(s.id));
  const test = samples.filter((s) => holdout(s.id));
  if (!train.length || !test.length)
    return { outcome: "too few labels" as const, samples: rows.length, positives };
  const model = trainLogistic(
    train.map((s) => s.x),
    train.map((s) => s.y),
    { iterations: 400 },
  );
  const score = auc(
    test.map((s) => predictLogistic(model, s.x).p),
    test.map((s) => s.y),
  );
  return saveTrainedModel(db, {
    tenantId,
    kind: "ticket",
    model,
    samples: rows.length,
    positives,
    auc: score,
  });
}
