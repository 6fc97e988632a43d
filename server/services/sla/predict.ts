import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { affected } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import type { PlatformCtx } from "../_core/system";
import { publish } from "../live/publish";
import { reconcileRiskAlerts } from "./predict-alerts";
import { preparePrediction } from "./predict-prepare";
import { scoreOpenTickets } from "./predict-write";

const { clients, slaPredictionRuns } = schema;

/** The tenant's active clients whose plan includes SLA breach prevention. */
export async function eligibleClientIds(ctx: ServiceCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: clients.id })
    .from(clients)
    .where(
      and(
        eq(clients.tenantId, ctx.tenantId),
        eq(clients.active, true),
        inArray(clients.tier, tiersWith("slaBreachPrevention")),
      ),
    );
  return rows.map((c) => c.id);
}

/**
 * Scores every open ticket of the tenant's eligible clients (no cap): reads the few
 * aggregates it needs (predict-prepare), streams the tickets, computes their clocks against
 * shared working-time timelines and writes probabilities and a history row per ticket that
 * moved in large set-based batches (predict-write, predict-score), then raises or updates one
 * SLA_BREACH_RISK alert per ticket at ≥ 0.7 and resolves those under 0.5 (predict-alerts).
 */
export async function predictTenant(ctx: ServiceCtx, now: Date) {
  const started = performance.now();
  const clientIds = await eligibleClientIds(ctx);
  if (!clientIds.length)
    return {
      ...{ scored: 0, atRisk: 0, alertsRaised: 0, alertsResolved: 0, scoredBy: "none" },
      ms: 0,
      rewritten: 0,
      phases: { prepareMs: 0, scoreMs: 0, alertsMs: 0 },
    };
  const inputs = await preparePrediction(ctx, clientIds, now);
  const preparedMs = performance.now() - started;
  const tickets = await scoreOpenTickets(ctx, clientIds, inputs, now);
  const writtenMs = performance.now() - started;
  const alerts = await reconcileRiskAlerts(ctx, tickets.toAlert, tickets.calmed, now);
  const ms = Math.round(performance.now() - started);
  const summary = {
    scored: tickets.scored,
    atRisk: tickets.atRisk,
    alertsRaised: alerts.raised,
    alertsResolved: alerts.resolved,
    scoredBy: inputs.scoredBy,
  };
  await ctx.db.insert(slaPredictionRuns).values({
    tenantId: ctx.tenantId,
    runAt: now,
    ...summary,
    durationMs: ms,
  });
  await publish(ctx, "ticket", null);
  return {
    ...summary,
    ms,
    rewritten: tickets.rewritten,
    phases: {
      // the aggregates, policies and model
      prepareMs: Math.round(preparedMs),
      // reading, scoring and writing the tickets overlap
      scoreMs: Math.round(writtenMs - preparedMs),
      alertsMs: Math.round(ms - writtenMs),
    },
  };
}

/**
 * Drops prediction history older than `days` (the charts and calibration look back 30): at
 * 200,000 open tickets a run writes as many rows, 96 runs a day.
 */
export async function pruneTicketPredictions(
  ctx: PlatformCtx,
  now: Date,
  days = 35,
): Promise<number> {
  return affected(
    ctx.db,
    sql`delete from ticket_predictions where run_at < ${now.toISOString()}::timestamptz - ${`${days} days`}::interval`,
  );
}
