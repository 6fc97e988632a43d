import { and, eq, inArray, sql } from "drizzle-orm";
import { SLA_RULES, TICKET_PRIORITIES, type RiskFactor, type TicketPriority } from "@/lib/sla";
import { tiersWith } from "@/lib/tiers";
import { schema, type DbOrTx } from "@/server/db";
import { inBatches } from "@/server/db/batches";
import type { ServiceCtx } from "../_core/context";
import type { PlatformCtx } from "../_core/system";
import { publish } from "../live/publish";
import type { LogisticModel } from "../noc/logistic";
import { raiseSystemAlerts, resolveAlertsByFingerprint } from "../noc/system-alerts";
import { TimelineCache, computeSlaClock, timelineRangeFor } from "./clock";
import type { SlaCalendar, WorkingTimeline } from "./calendar";
import { calendarFor, loadHolidays, loadPolicies, type EffectivePolicy } from "./policies";
import { escalatedSlaClock, governingRaises, type Raise } from "./escalated-clock";
import { explainRisk, predictionMoved, scoreRisk, topFactorKey, type RiskInput } from "./risk";
import { RISK_FINGERPRINT_PREFIX, riskFingerprint } from "./tickets";
import { affected, rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";

const { clients, slaPredictionRuns, priorityModels } = schema;

type OpenTicket = {
  id: string;
  clientId: string;
  priority: TicketPriority;
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
  /** its SLA_BREACH_RISK alert is open */
  alerted: boolean;
};

/**
 * The ticket columns a prediction reads for every open ticket (exported for the benchmark's
 * bare scan, which reads the same rows and columns).
 */
export const OPEN_TICKET_COLUMNS = sql`t.id, t.client_id as "clientId", t.priority, t.category,
  -- instants as epoch milliseconds: a number is cheaper to read than a timestamp string
  (extract(epoch from t.created_at) * 1000)::float8 as "createdAt",
  t.first_response_at as "firstResponseAt", t.assignee_id as "assigneeId",
  t.reopened_count as "reopenedCount", t.recent_sentiment as "recentSentiment",
  t.pauses, s.time_zone as "timeZone",
  t.breach_probability as "prevP", t.risk_factors->0->>'key' as "prevTop",
  (extract(epoch from t.resolution_due_at) * 1000)::float8 as "prevDue",
  t.resolution_breached as "prevBreached"`;

/** The open tickets of these clients of a tenant, with their site (`t`, `s`). */
export const openTicketsOf = (tenantId: string, clientIds: string[]) => sql`
  from tickets t join sites s on s.id = t.site_id
  where t.tenant_id = ${tenantId}
    and t.status in ${OPEN_TICKET_STATUS_LIST}
    and t.client_id in (select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid)`;

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

/** The newest usable ticket model of a tenant, or null (the heuristic scores). */
export async function usableTicketModel(ctx: ServiceCtx) {
  const [m] = await ctx.db
    .select({ version: priorityModels.version, model: priorityModels.model })
    .from(priorityModels)
    .where(
      and(
        eq(priorityModels.tenantId, ctx.tenantId),
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
function categorySlowness(db: DbOrTx, tenantId: string, now: Date): Promise<Slowness> {
  const hit = slownessByTenant.get(tenantId);
  if (hit && Math.abs(now.getTime() - hit.at) < SLOWNESS_TTL_MS) return hit.rows;
  // a settled promise (rawRows'): Drizzle's query objects run again each time they are awaited
  const rows = rawRows<Slowness[number]>(
    db,
    sql`
    select category, avg(resolution_used_minutes::float8 / nullif(resolution_target_minutes, 0)) as slowness
    from tickets
    where tenant_id = ${tenantId} and resolved_at > ${now.toISOString()}::timestamptz - interval '90 days'
      and resolution_used_minutes is not null
    group by category`,
  );
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
export async function predictTenant(ctx: ServiceCtx, now: Date) {
  const started = performance.now();
  const { db, tenantId } = ctx;
  const clientIds = await eligibleClientIds(ctx);
  const empty = { scored: 0, atRisk: 0, alertsRaised: 0, alertsResolved: 0, scoredBy: "none" };
  if (!clientIds.length)
    return {
      ...empty,
      ms: 0,
      rewritten: 0,
      phases: { prepareMs: 0, scoreMs: 0, alertsMs: 0 },
    };

  const [[oldest], categoryRows, workloadRows, policyOf, holidays, model, raiseRows] =
    await Promise.all([
      // where the working-time timelines must start: the oldest open ticket (an index-only read)
      rawRows<{ ms: number | null }>(
        db,
        sql`
      select (extract(epoch from min(created_at)) * 1000)::float8 as "ms" from tickets
      where tenant_id = ${tenantId} and status in ${OPEN_TICKET_STATUS_LIST}`,
      ),
      categorySlowness(db, tenantId, now),
      rawRows<{ assigneeId: string; n: number }>(
        db,
        sql`
        select assignee_id as "assigneeId", count(*)::int as n from tickets
        where tenant_id = ${tenantId} and assignee_id is not null
          and status in ${OPEN_TICKET_STATUS_LIST}
        group by assignee_id`,
      ),
      loadPolicies(db, tenantId),
      loadHolidays(db, tenantId, clientIds),
      usableTicketModel(ctx),
      // the automatic raises of open tickets: their clocks follow `escalatedSlaClock`
      rawRows<Omit<Raise, "at"> & { ticketId: string; at: string | Date }>(
        db,
        sql`
      select e.ticket_id as "ticketId", e.level, e.at, e.from_priority as "fromPriority",
        e.to_priority as "toPriority"
      from ticket_escalations e
      where e.tenant_id = ${tenantId} and exists (select 1 from tickets t where t.id = e.ticket_id
        and t.status in ${OPEN_TICKET_STATUS_LIST})`,
      ),
    ]);
  const raisesOf = new Map<string, Raise[]>();
  for (const r of raiseRows)
    raisesOf.set(r.ticketId, [...(raisesOf.get(r.ticketId) ?? []), { ...r, at: new Date(r.at) }]);
  const preparedMs = performance.now() - started;
  const slowness = new Map(categoryRows.map((r) => [r.category, Number(r.slowness) || 1]));
  const workload = new Map(workloadRows.map((r) => [r.assigneeId, r.n]));

  // one working-time timeline per distinct calendar, shared by its tickets, long enough for
  // the oldest ticket and the longest target
  let longest = 0;
  for (const c of clientIds)
    for (const priority of TICKET_PRIORITIES)
      longest = Math.max(longest, policyOf(c, priority).resolutionMinutes);
  const timelines = new TimelineCache(
    timelineRangeFor([
      {
        start: new Date(oldest?.ms ?? now.getTime()),
        targetMinutes: longest,
        now,
        stoppedAt: null,
      },
    ]),
  );
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
    !t.alerted ||
    t.prevP === null ||
    severityFor(p) !== severityFor(t.prevP) ||
    Math.abs(Math.round(p * 100) - Math.round(t.prevP * 100)) >= 5;
  const toAlert: Risky[] = [];
  let atRisk = 0;
  const calmed: string[] = [];
  const ticketModel = model ? (model.model as LogisticModel) : null;
  let done = 0;
  const sharedFor = (clientId: string, priority: TicketPriority, timeZone: string) => {
    const key = `${clientId}|${priority}|${timeZone}`;
    let shared = calendars.get(key);
    if (!shared) {
      const policy = policyOf(clientId, priority);
      const calendar = calendarFor(policy, timeZone, holidays.get(clientId) ?? []);
      shared = { policy, calendar, timeline: timelines.get(calendar) };
      calendars.set(key, shared);
    }
    return shared;
  };
  const score = (t: OpenTicket) => {
    const raised = raisesOf.get(t.id);
    const governing = raised ? governingRaises(t.priority, raised) : null;
    const shared = sharedFor(t.clientId, governing?.basePriority ?? t.priority, t.timeZone);
    const policy = shared.policy;
    const pauses = t.pauses.length
      ? t.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }))
      : NO_PAUSES;
    const base = {
      start: t.createdAt,
      targetMinutes: policy.resolutionMinutes,
      calendar: shared.calendar,
      pauses,
      stoppedAt: null,
      now,
    };
    const clock = governing?.raises.length
      ? escalatedSlaClock(
          base,
          governing.raises.map((r) => {
            const to = sharedFor(t.clientId, r.toPriority, t.timeZone);
            return {
              at: r.at,
              targetMinutes: to.policy.resolutionMinutes,
              calendar: to.calendar,
              timeline: to.timeline,
            };
          }),
          shared.timeline,
          { spans: false },
        )
      : computeSlaClock(base, shared.timeline, { spans: false });
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
      // the target of the clock that governs (a raised ticket's may be its new priority's)
      clock.usedMinutes + clock.remainingMinutes,
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
    else if (p < SLA_RULES.alertResolveBelow && t.alerted) calmed.push(riskFingerprint(t.id));
    done += 1;
  };

  // The open tickets stream in by a cursor, BATCH at a time: each batch is scored while
  // PostgreSQL reads the next, and its rows are garbage as soon as they are scored (one
  // result of 100,000 rows would live through the whole run and cost the collector dearly).
  type Row = Omit<OpenTicket, "createdAt" | "firstResponseAt"> & {
    createdAt: number | Date;
    firstResponseAt: string | Date | null;
  };
  const openTickets = sql`
    select ${OPEN_TICKET_COLUMNS},
      -- whether its breach-risk alert is open: probed in the index here, where a list of
      -- every open alert would cost this process a string and a set entry per alert
      exists (select 1 from alerts a
        where a.tenant_id = t.tenant_id and a.type = 'SLA_BREACH_RISK'
          and a.fingerprint = ${RISK_FINGERPRINT_PREFIX}::text || t.id::text
          and a.status <> 'resolved') as "alerted"
    ${openTicketsOf(tenantId, clientIds)}`;
  for await (const rows of inBatches<Row>(db, openTickets, BATCH)) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!r) continue;
      r.createdAt = new Date(r.createdAt);
      if (r.firstResponseAt) r.firstResponseAt = new Date(r.firstResponseAt);
      score(r as OpenTicket);
      // the run shares its process with the app's requests and other functions (NOC
      // triage): give them the event loop every thousand tickets (~10 ms of work)
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((r) => setImmediate(r));
    }
    // PostgreSQL writes a finished batch while the next ones are scored
    pending.push(writeBatch(changed));
    changed = [];
  }
  await Promise.all(pending);
  const writtenMs = performance.now() - started;
  // site, number and title only for the alerts written (the scan of every ticket leaves them out)
  const named = new Map(
    (
      (await (toAlert.length
        ? db.execute(sql`
        select t.id, t.site_id as "siteId", t.number, t.title from tickets t
        where t.tenant_id = ${tenantId}
          and t.id in (select jsonb_array_elements_text(${JSON.stringify(toAlert.map((o) => o.ticket.id))}::jsonb)::uuid)`)
        : Promise.resolve([]))) as unknown as {
        id: string;
        siteId: string;
        number: number;
        title: string;
      }[]
    ).map((r) => [r.id, r]),
  );
  const raised = await raiseSystemAlerts(
    ctx,
    toAlert.flatMap((o) => {
      const n = named.get(o.ticket.id);
      // a ticket deleted since the read has no row here, and gets no alert
      if (!n) return [];
      return [
        {
          siteId: n.siteId,
          clientId: o.ticket.clientId,
          ticketId: o.ticket.id,
          type: "SLA_BREACH_RISK" as const,
          severity: severityFor(o.p),
          title: `SLA breach risk ${Math.round(o.p * 100)}%: #${n.number} ${n.title}`.slice(0, 200),
          // facts as they stood when predicted (the ticket shows them live); not labelled "Why":
          // the alert's own triage score is the one "Why" its detail shows
          description: `Breach probability ${o.p.toFixed(2)} when predicted: ${o.f.map((f) => f.label).join("; ")}. The ticket shows its live SLA clock.`,
          fingerprint: riskFingerprint(o.ticket.id),
          source: "ticket" as const,
        },
      ];
    }),
    now,
  );
  const resolved = await resolveAlertsByFingerprint(
    ctx,
    calmed,
    `Breach risk fell below ${SLA_RULES.alertResolveBelow}`,
    now,
  );
  const ms = Math.round(performance.now() - started);
  const summary = {
    scored: done,
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
