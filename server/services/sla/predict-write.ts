import "server-only";
import { sql } from "drizzle-orm";
import { inBatches } from "@/server/db/batches";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";
import type { ServiceCtx } from "../_core/context";
import type { PredictionInputs } from "./predict-prepare";
import { ticketScorer, type Changed, type OpenTicket, type Risky } from "./predict-score";
import { RISK_FINGERPRINT_PREFIX } from "./tickets";

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

const BATCH = 10_000;
const YIELD_EVERY = 1_000;

/** What scoring every open ticket left for the alerts and the run's summary. */
export type ScoredTickets = {
  scored: number;
  atRisk: number;
  rewritten: number;
  /** tickets whose risk alert is raised or updated */
  toAlert: Risky[];
  /** tickets whose open risk alert is resolved */
  calmed: string[];
};

/**
 * Reads, scores and writes every open ticket of the eligible clients. The tickets stream in
 * by a cursor, BATCH at a time: each batch is scored while PostgreSQL reads the next, and its
 * rows are garbage as soon as they are scored (one result of 100,000 rows would live through
 * the whole run and cost the collector dearly); PostgreSQL writes a finished batch while the
 * next ones are scored.
 */
export async function scoreOpenTickets(
  ctx: ServiceCtx,
  clientIds: string[],
  inputs: PredictionInputs,
  now: Date,
): Promise<ScoredTickets> {
  const score = ticketScorer(inputs, now);
  const out: ScoredTickets = { scored: 0, atRisk: 0, rewritten: 0, toAlert: [], calmed: [] };
  const pending: Promise<void>[] = [];
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
    ${openTicketsOf(ctx.tenantId, clientIds)}`;
  for await (const rows of inBatches<Row>(ctx.db, openTickets, BATCH)) {
    const changed: Changed[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!r) continue;
      r.createdAt = new Date(r.createdAt);
      if (r.firstResponseAt) r.firstResponseAt = new Date(r.firstResponseAt);
      const o = score(r as OpenTicket);
      if (o.atRisk) out.atRisk += 1;
      if (o.changed) changed.push(o.changed);
      if (o.alert) out.toAlert.push(o.alert);
      else if (o.calmed) out.calmed.push(r.id);
      out.scored += 1;
      // the run shares its process with the app's requests and other functions (NOC
      // triage): give them the event loop every thousand tickets (~10 ms of work)
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((r) => setImmediate(r));
    }
    out.rewritten += changed.length;
    pending.push(writePredictions(ctx, changed, now, inputs.scoredBy));
  }
  await Promise.all(pending);
  return out;
}

/**
 * Writes a batch of moved predictions, set-based: the ticket, and a history row. The history
 * is a change log (a ticket's probability holds from one row until the next), which draws the
 * same trend as a row per ticket per run at a fraction of the writes: outside working hours
 * most clocks stand still, and 110,000 rows every 15 minutes would be 10 M rows a day.
 */
async function writePredictions(
  ctx: ServiceCtx,
  changed: Changed[],
  now: Date,
  scoredBy: string,
): Promise<void> {
  if (!changed.length) return;
  const runAt = now.toISOString();
  await Promise.all([
    ctx.db.execute(sql`
      insert into ticket_predictions (ticket_id, tenant_id, run_at, probability, fraction_used)
      select v.id, ${ctx.tenantId}, ${runAt}::timestamptz, v.p, v.used
      from json_to_recordset(${JSON.stringify(changed.map((o) => ({ id: o.id, p: o.p, used: o.used })))}::json)
        as v(id uuid, p float8, used float8)`),
    ctx.db.execute(sql`
      update tickets t set breach_probability = v.p, risk_factors = v.f, scored_by = ${scoredBy},
        predicted_at = ${runAt}::timestamptz, resolution_due_at = v.due,
        resolution_breached = t.resolution_breached or v.used >= 1
      from json_to_recordset(${JSON.stringify(changed)}::json)
        as v(id uuid, p float8, f jsonb, used float8, due timestamptz)
      where t.id = v.id and t.tenant_id = ${ctx.tenantId}`),
  ]);
}
