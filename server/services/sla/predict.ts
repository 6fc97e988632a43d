import { and, eq, inArray, sql } from "drizzle-orm";
import { SLA_RULES, type RiskFactor, type TicketPriority, type TicketStatus } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema, type Db } from "@/server/db";
import { systemCtx } from "../_core/context";
import { publish } from "../live/publish";
import type { LogisticModel } from "../noc/logistic";
import { raiseSystemAlerts, resolveAlertsByFingerprint } from "../noc/system-alerts";
import { TimelineCache, computeSlaClock, timelineRangeFor } from "./clock";
import type { SlaCalendar, WorkingTimeline } from "./calendar";
import { calendarFor, loadHolidays, loadPolicies, type EffectivePolicy } from "./policies";
import { explainRisk, predictionMoved, scoreRisk, topFactorKey, type RiskInput } from "./risk";
import { riskFingerprint } from "./tickets";

const { tenants, clients, slaPredictionRuns, priorityModels } = schema;

type OpenTicket = {
  id: string;
  clientId: string;
  siteId: string;
  priority: TicketPriority;
  status: TicketStatus;
  category: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  assigneeId: string | null;
  reopenedCount: number;
  recentSentiment: number | null;
  pauses: { from: string; to: string | null }[];
  timeZone: string;
  /** the previous run's result: unchanged tickets are not rewritten */
  prevP: number | null;
  prevTop: string | null;
  /** epoch milliseconds */
  prevDue: number | null;
  prevBreached: boolean;
};

/** The newest usable ticket model of a tenant, or null (the heuristic scores). */
export async function usableTicketModel(db: Db, tenantId: string) {
  const [m] = await db
    .select({ version: priorityModels.version, model: priorityModels.model })
    .from(priorityModels)
    .where(
      and(
        eq(priorityModels.tenantId, tenantId),
        eq(priorityModels.kind, "ticket"),
        eq(priorityModels.usable, true),
      ),
    )
    .orderBy(sql`${priorityModels.version} desc`)
    .limit(1);
  return m ?? null;
}

/** What the prediction needs to know about an open ticket now; shared with training. */
export function riskInputAt(
  t: {
    priority: TicketPriority;
    firstResponseAt: Date | null;
    reopenedCount: number;
    recentSentiment: number | null;
    assigneeOpen: number | null;
    categorySlowness: number;
  },
  clock: { usedMinutes: number; remainingMinutes: number; pausedMinutes: number },
  targetMinutes: number,
  pausedWallHours: number,
  now: Date,
): RiskInput {
  return {
    fractionUsed: clock.usedMinutes / targetMinutes,
    hoursLeft: clock.remainingMinutes / 60,
    noFirstResponse: !t.firstResponseAt || t.firstResponseAt > now,
    priority: t.priority,
    categorySlowness: t.categorySlowness,
    assigneeOpen: t.assigneeOpen,
    reopenedCount: t.reopenedCount,
    pendingHours: pausedWallHours,
    sentiment: t.recentSentiment,
  };
}

type Slowness = { category: string; slowness: number }[];
const SLOWNESS_TTL_MS = 60 * 60_000;
const slownessByTenant = new Map<string, { at: number; rows: Promise<Slowness> }>();

/**
 * How long each category usually takes, as a share of its target, over the last 90 days of
 * resolved tickets. Fifteen minutes move a 90-day mean by next to nothing, and the aggregate
 * reads hundreds of thousands of index entries on a large helpdesk, so a process keeps it for
 * an hour per tenant (of runs within that hour of the one that read it).
 */
function categorySlowness(db: Db, tenantId: string, now: Date): Promise<Slowness> {
  const hit = slownessByTenant.get(tenantId);
  if (hit && Math.abs(now.getTime() - hit.at) < SLOWNESS_TTL_MS) return hit.rows;
  const rows = db.execute(sql`
    select category, avg(resolution_used_minutes::float8 / nullif(resolution_target_minutes, 0)) as slowness
    from tickets
    where tenant_id = ${tenantId} and resolved_at > ${now.toISOString()}::timestamptz - interval '90 days'
      and resolution_used_minutes is not null
    group by category`) as unknown as Promise<Slowness>;
  slownessByTenant.set(tenantId, { at: now.getTime(), rows });
  // a failed read is not kept
  rows.catch(() => {
    if (slownessByTenant.get(tenantId)?.rows === rows) slownessByTenant.delete(tenantId);
  });
  return rows;
}

const severityFor = (p: number) => (p >= 0.9 ? "critical" : p >= 0.8 ? "high" : "medium");

/**
 * Scores every open ticket of the tenant's eligible clients (no cap): reads them in one
 * query with the few aggregates it needs, computes the clocks against shared working-time
 * timelines, writes probabilities and a history row per ticket in large set-based batches,
 * raises or updates one SLA_BREACH_RISK alert per ticket at ≥ 0.7 and resolves those under
 * 0.5.
 */
export async function predictTenant(db: Db, tenantId: string, now = new Date()) {
  const started = performance.now();
  const ctx = systemCtx(tenantId, "predict-sla-breaches", db);
  const eligible = await db
    .select({ id: clients.id })
    .from(clients)
    .where(
      and(
        eq(clients.tenantId, tenantId),
        eq(clients.active, true),
        inArray(clients.tier, tiersWith("slaBreachPrevention")),
      ),
    );
  const clientIds = eligible.map((c) => c.id);
  const empty = { scored: 0, atRisk: 0, alertsRaised: 0, alertsResolved: 0, scoredBy: "none" };
  if (!clientIds.length)
    return {
      ...empty,
      ms: 0,
      rewritten: 0,
      phases: { readMs: 0, computeAndWriteMs: 0, alertsMs: 0 },
    };

  const [rows, categoryRows, workloadRows, policyOf, holidays, model, openAlerts] =
    await Promise.all([
      db.execute(sql`
        select t.id, t.client_id as "clientId", t.site_id as "siteId",
          t.priority, t.status, t.category,
          -- instants as epoch milliseconds: a number is cheaper to read than a timestamp string
          (extract(epoch from t.created_at) * 1000)::float8 as "createdAt",
          t.first_response_at as "firstResponseAt", t.assignee_id as "assigneeId",
          t.reopened_count as "reopenedCount", t.recent_sentiment as "recentSentiment",
          t.pauses, s.time_zone as "timeZone", t.breach_probability as "prevP",
          t.risk_factors->0->>'key' as "prevTop",
          (extract(epoch from t.resolution_due_at) * 1000)::float8 as "prevDue",
          t.resolution_breached as "prevBreached"
        from tickets t join sites s on s.id = t.site_id
        where t.tenant_id = ${tenantId}
          and t.status in ('open', 'in_progress', 'pending_customer')
          and t.client_id in (select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid)`) as unknown as Promise<
        (Omit<OpenTicket, "createdAt" | "firstResponseAt"> & {
          createdAt: number | Date;
          firstResponseAt: string | Date | null;
        })[]
      >,
      categorySlowness(db, tenantId, now),
      db.execute(sql`
        select assignee_id as "assigneeId", count(*)::int as n from tickets
        where tenant_id = ${tenantId} and assignee_id is not null
          and status in ('open', 'in_progress', 'pending_customer')
        group by assignee_id`) as unknown as Promise<{ assigneeId: string; n: number }[]>,
      loadPolicies(db, tenantId),
      loadHolidays(db, tenantId, clientIds),
      usableTicketModel(db, tenantId),
      db.execute(sql`
        select fingerprint from alerts
        where tenant_id = ${tenantId} and type = 'SLA_BREACH_RISK' and status <> 'resolved'`) as unknown as Promise<
        { fingerprint: string }[]
      >,
    ]);
  const scanMs = performance.now() - started;
  const slowness = new Map(categoryRows.map((r) => [r.category, Number(r.slowness) || 1]));
  const workload = new Map(workloadRows.map((r) => [r.assigneeId, r.n]));
  const alerted = new Set(openAlerts.map((a) => a.fingerprint));

  // dates parsed in place: a copy of 100,000 rows is garbage the collector then has to chase
  for (const r of rows) {
    r.createdAt = new Date(r.createdAt);
    if (r.firstResponseAt) r.firstResponseAt = new Date(r.firstResponseAt);
  }
  const tickets = rows as OpenTicket[];
  // one working-time timeline per distinct calendar, shared by its tickets
  const range = timelineRangeFor(
    tickets.map((t) => ({
      start: t.createdAt,
      targetMinutes: policyOf(t.clientId, t.priority).resolutionMinutes,
      now,
      stoppedAt: null,
    })),
  );
  const timelines = new TimelineCache(range);
  const scoredBy = model ? `model v${model.version}` : "heuristic";

  // set-based writes, in batches large enough to be cheap and small enough to stay bounded.
  // Only what moved is written: the ticket, and a history row. The history is a change log
  // (a ticket's probability holds from one row until the next), which draws the same trend
  // as a row per ticket per run at a fraction of the writes: outside working hours most
  // clocks stand still, and 110,000 rows every 15 minutes would be 10 M rows a day.
  type Changed = { id: string; p: number; f: RiskFactor[]; used: number; due: string };
  type Risky = { ticket: OpenTicket; p: number; f: RiskFactor[] };
  const runAt = now.toISOString();
  let rewritten = 0;
  const writeBatch = async (changed: Changed[]) => {
    rewritten += changed.length;
    if (!changed.length) return;
    await Promise.all([
      db.execute(sql`
        insert into ticket_predictions (ticket_id, tenant_id, run_at, probability, fraction_used)
        select v.id, ${tenantId}, ${runAt}::timestamptz, v.p, v.used
        from json_to_recordset(${JSON.stringify(changed.map((o) => ({ id: o.id, p: o.p, used: o.used })))}::json)
          as v(id uuid, p float8, used float8)`),
      db.execute(sql`
        update tickets t set breach_probability = v.p, risk_factors = v.f, scored_by = ${scoredBy},
          predicted_at = ${runAt}::timestamptz, resolution_due_at = v.due,
          resolution_breached = t.resolution_breached or v.used >= 1
        from json_to_recordset(${JSON.stringify(changed)}::json)
          as v(id uuid, p float8, f jsonb, used float8, due timestamptz)
        where t.id = v.id and t.tenant_id = ${tenantId}`),
    ]);
  };
  // the calendar and its working-time timeline, shared by the tickets of a policy and zone
  const calendars = new Map<
    string,
    { policy: EffectivePolicy; calendar: SlaCalendar; timeline: WorkingTimeline }
  >();
  const NO_PAUSES: { from: Date; to: Date | null }[] = [];
  const BATCH = 10_000;
  const YIELD_EVERY = 1_000;
  const pending: Promise<void>[] = [];
  let changed: Changed[] = [];
  // an alert is raised once and updated when the risk moves enough to matter (5 points, or
  // its severity), not rewritten on every run
  const alertWorthUpdating = (t: OpenTicket, p: number) =>
    !alerted.has(riskFingerprint(t.id)) ||
    t.prevP === null ||
    severityFor(p) !== severityFor(t.prevP) ||
    Math.abs(Math.round(p * 100) - Math.round(t.prevP * 100)) >= 5;
  const toAlert: Risky[] = [];
  let atRisk = 0;
  const calmed: string[] = [];
  const ticketModel = model ? (model.model as LogisticModel) : null;
  let done = 0;
  for (const t of tickets) {
    const key = `${t.clientId}|${t.priority}|${t.timeZone}`;
    let shared = calendars.get(key);
    if (!shared) {
      const policy = policyOf(t.clientId, t.priority);
      const calendar = calendarFor(policy, t.timeZone, holidays.get(t.clientId) ?? []);
      shared = { policy, calendar, timeline: timelines.get(calendar) };
      calendars.set(key, shared);
    }
    const policy = shared.policy;
    const pauses = t.pauses.length
      ? t.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }))
      : NO_PAUSES;
    const clock = computeSlaClock(
      {
        start: t.createdAt,
        targetMinutes: policy.resolutionMinutes,
        calendar: shared.calendar,
        pauses,
        stoppedAt: null,
        now,
      },
      shared.timeline,
      { spans: false },
    );
    let pausedMs = 0;
    for (const p of pauses)
      pausedMs += (p.to ?? now).getTime() - Math.min(p.from.getTime(), now.getTime());
    const input = riskInputAt(
      {
        priority: t.priority,
        firstResponseAt: t.firstResponseAt,
        reopenedCount: t.reopenedCount,
        recentSentiment: t.recentSentiment,
        assigneeOpen: t.assigneeId ? (workload.get(t.assigneeId) ?? 0) : null,
        categorySlowness: slowness.get(t.category) ?? 1,
      },
      clock,
      policy.resolutionMinutes,
      pausedMs / 3_600_000,
      now,
    );
    const score = scoreRisk(ticketModel, input);
    const p = score.probability;
    const used = Math.round(clock.fractionUsed * 1000) / 1000;
    const moved = predictionMoved(
      { p: t.prevP, top: t.prevTop, due: t.prevDue, breached: t.prevBreached },
      { p, top: topFactorKey(score), due: clock.dueAt, used },
    );
    // factors are spelled out only where they are written: the ticket, or its alert
    const alerting = p >= SLA_RULES.alertAt;
    if (alerting) atRisk += 1;
    const alertMoves = alerting && alertWorthUpdating(t, p);
    const f = moved || alertMoves ? explainRisk(input, score) : [];
    if (moved) changed.push({ id: t.id, p, f, used, due: clock.dueAt.toISOString() });
    if (alertMoves) toAlert.push({ ticket: t, p, f });
    else if (p < SLA_RULES.alertResolveBelow && alerted.has(riskFingerprint(t.id)))
      calmed.push(riskFingerprint(t.id));
    done += 1;
    if (done % BATCH === 0) {
      pending.push(writeBatch(changed));
      changed = [];
      // let the batch reach the database before computing on
      await new Promise((r) => setImmediate(r));
    } else if (done % YIELD_EVERY === 0) {
      // the run shares its process with the app's requests and other functions (NOC
      // triage): give them the event loop every thousand tickets (~10 ms of work)
      await new Promise((r) => setImmediate(r));
    }
  }
  pending.push(writeBatch(changed));

  // PostgreSQL writes the finished batches while the next ones are computed
  await Promise.all(pending);
  const writtenMs = performance.now() - started;
  // titles only for the alerts written (the scan of every open ticket leaves them out)
  const named = new Map(
    (
      (await (toAlert.length
        ? db.execute(sql`
        select t.id, t.number, t.title from tickets t
        where t.tenant_id = ${tenantId}
          and t.id in (select jsonb_array_elements_text(${JSON.stringify(toAlert.map((o) => o.ticket.id))}::jsonb)::uuid)`)
        : Promise.resolve([]))) as unknown as { id: string; number: number; title: string }[]
    ).map((r) => [r.id, r]),
  );
  const raised = await raiseSystemAlerts(
    ctx,
    toAlert.map((o) => ({
      siteId: o.ticket.siteId,
      clientId: o.ticket.clientId,
      ticketId: o.ticket.id,
      type: "SLA_BREACH_RISK",
      severity: severityFor(o.p),
      title:
        `SLA breach risk ${Math.round(o.p * 100)}%: #${named.get(o.ticket.id)?.number ?? "?"} ${named.get(o.ticket.id)?.title ?? ""}`.slice(
          0,
          200,
        ),
      description: `Why ${o.p.toFixed(2)}: ${o.f.map((f) => f.label).join("; ")}.`,
      fingerprint: riskFingerprint(o.ticket.id),
      source: "ticket",
    })),
  );
  const resolved = await resolveAlertsByFingerprint(
    ctx,
    calmed,
    `Breach risk fell below ${SLA_RULES.alertResolveBelow}`,
  );
  const ms = Math.round(performance.now() - started);
  const summary = {
    scored: tickets.length,
    atRisk,
    alertsRaised: raised.created,
    alertsResolved: resolved,
    scoredBy,
  };
  await db.insert(slaPredictionRuns).values({
    tenantId,
    runAt: now,
    ...summary,
    durationMs: ms,
  });
  await publish(ctx, "ticket", null);
  return {
    ...summary,
    ms,
    rewritten,
    phases: {
      readMs: Math.round(scanMs),
      // computing and writing overlap
      computeAndWriteMs: Math.round(writtenMs - scanMs),
      alertsMs: Math.round(ms - writtenMs),
    },
  };
}

/** The 15-minute run: every tenant, one after another. */
export async function predictAllTenants(db: Db, now = new Date()) {
  const all = await db.select({ id: tenants.id }).from(tenants);
  let scored = 0;
  let atRisk = 0;
  for (const t of all) {
    const r = await predictTenant(db, t.id, now);
    scored += r.scored;
    atRisk += r.atRisk;
  }
  return { tenants: all.length, scored, atRisk };
}

/**
 * Drops prediction history older than `days` (the charts and calibration look back 30): at
 * 200,000 open tickets a run writes as many rows, 96 runs a day.
 */
export async function pruneTicketPredictions(db: Db, days = 35): Promise<number> {
  const r = await db.execute(
    sql`delete from ticket_predictions where run_at < now() - ${`${days} days`}::interval`,
  );
  return r.count;
}
