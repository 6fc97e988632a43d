import "server-only";
import { sql } from "drizzle-orm";
import { TICKET_PRIORITIES, type TicketPriority } from "@/lib/sla";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import { OPEN_TICKET_STATUS_LIST } from "@/server/db/sql-literals";
import type { ServiceCtx } from "../_core/context";
import type { LogisticModel } from "../models/logistic";
import { usableModel } from "../models/model-store";
import { TimelineCache, timelineRangeFor } from "./clock";
import type { Raise } from "./escalated-clock";
import { loadHolidays, loadPolicies, type EffectivePolicy } from "./policy-lookup";

/** What a prediction run knows before it reads a ticket: the few aggregates, policies and model. */
export type PredictionInputs = {
  /** category → its usual share of the target used (1 when unknown) */
  slowness: Map<string, number>;
  /** assignee → open tickets */
  workload: Map<string, number>;
  /** the automatic raises of open tickets: their clocks follow `escalatedSlaClock` */
  raisesOf: Map<string, Raise[]>;
  policyOf: (clientId: string, priority: TicketPriority) => EffectivePolicy;
  holidays: Map<string, string[]>;
  /**
   * one working-time timeline per distinct calendar, shared by its tickets, long enough for
   * the oldest ticket and the longest target
   */
  timelines: TimelineCache;
  model: LogisticModel | null;
  scoredBy: string;
};

/** Reads what the run needs besides the tickets, in parallel, for these eligible clients. */
export async function preparePrediction(
  ctx: ServiceCtx,
  clientIds: string[],
  now: Date,
): Promise<PredictionInputs> {
  const { db, tenantId } = ctx;
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
      // the newest usable ticket model, or null (the heuristic scores)
      usableModel(ctx, "ticket"),
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
  return {
    slowness: new Map(categoryRows.map((r) => [r.category, Number(r.slowness) || 1])),
    workload: new Map(workloadRows.map((r) => [r.assigneeId, r.n])),
    raisesOf,
    policyOf,
    holidays,
    timelines,
    model: model?.model ?? null,
    scoredBy: model ? `model v${model.version}` : "heuristic",
  };
}

type Slowness = { category: string; slowness: number };
const SLOWNESS_TTL_MS = 60 * 60_000;
const slownessByTenant = new Map<string, { at: number; rows: Promise<Slowness[]> }>();

/**
 * How long each category usually takes, as a share of its target, over the last 90 days of
 * resolved tickets. Fifteen minutes move a 90-day mean by next to nothing, and the aggregate
 * reads hundreds of thousands of index entries on a large helpdesk, so a process keeps it for
 * an hour per tenant (of runs within that hour of the one that read it).
 */
function categorySlowness(db: DbOrTx, tenantId: string, now: Date): Promise<Slowness[]> {
  const hit = slownessByTenant.get(tenantId);
  if (hit && Math.abs(now.getTime() - hit.at) < SLOWNESS_TTL_MS) return hit.rows;
  // a settled promise (rawRows'): Drizzle's query objects run again each time they are awaited
  const rows = rawRows<Slowness>(
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
