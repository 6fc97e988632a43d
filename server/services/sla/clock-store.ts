import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { TICKET_PRIORITIES, type TicketStatus } from "@/lib/sla";
import { schema } from "@/server/db";
import { affected } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";
import { TimelineCache, timelineRangeFor, type Pause, type SlaClock } from "./clock";
import { escalatedSlaClock, governingRaises, type Raise } from "./escalated-clock";
import { calendarFor, loadHolidays, loadPolicies, type EffectivePolicy } from "./policy-lookup";

const { tickets, sites, ticketStatusChanges, ticketEscalations } = schema;

/** Statuses during which the resolution clock stands still (reopening resumes it). */
const PAUSED: readonly TicketStatus[] = ["pending_customer", "resolved", "closed"];

/** Spans of a ticket's history in a paused status, from its status changes in order. */
export function pausesFrom(changes: { toStatus: TicketStatus; at: Date }[]): Pause[] {
  const pauses: Pause[] = [];
  let open: Date | null = null;
  for (const c of changes) {
    const paused = PAUSED.includes(c.toStatus);
    if (paused && !open) open = c.at;
    else if (!paused && open) {
      pauses.push({ from: open, to: c.at });
      open = null;
    }
  }
  if (open) pauses.push({ from: open, to: null });
  return pauses;
}

export type TicketClocks = {
  policy: EffectivePolicy;
  /** the priority whose policy counts from the start: before the automatic raises that govern */
  basePriority: (typeof tickets.$inferSelect)["priority"];
  /** the automatic raises that govern the clocks (see `escalatedSlaClock`) */
  raises: Raise[];
  timeZone: string;
  holidays: string[];
  pauses: Pause[];
  response: SlaClock;
  resolution: SlaClock;
};

type ClockRow = {
  id: string;
  clientId: string;
  priority: (typeof tickets.$inferSelect)["priority"];
  status: TicketStatus;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  timeZone: string;
};

/** Both SLA clocks of many tickets, with one query per kind of input (not per ticket). */
export async function clocksFor(
  ctx: ServiceCtx,
  ids: string[],
  now: Date,
): Promise<Map<string, TicketClocks & { row: ClockRow }>> {
  const { db, tenantId } = ctx;
  const out = new Map<string, TicketClocks & { row: ClockRow }>();
  if (!ids.length) return out;
  const rows: ClockRow[] = await db
    .select({
      id: tickets.id,
      clientId: tickets.clientId,
      priority: tickets.priority,
      status: tickets.status,
      createdAt: tickets.createdAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
      timeZone: sites.timeZone,
    })
    .from(tickets)
    .innerJoin(sites, eq(sites.id, tickets.siteId))
    .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.id, ids)));
  const [policyOf, holidays, changes, escalations] = await Promise.all([
    loadPolicies(db, tenantId),
    loadHolidays(db, tenantId, [...new Set(rows.map((r) => r.clientId))]),
    db
      .select({
        ticketId: ticketStatusChanges.ticketId,
        toStatus: ticketStatusChanges.toStatus,
        at: ticketStatusChanges.at,
      })
      .from(ticketStatusChanges)
      .where(
        and(eq(ticketStatusChanges.tenantId, tenantId), inArray(ticketStatusChanges.ticketId, ids)),
      )
      .orderBy(asc(ticketStatusChanges.at), asc(ticketStatusChanges.id)),
    db
      .select({
        ticketId: ticketEscalations.ticketId,
        level: ticketEscalations.level,
        at: ticketEscalations.at,
        fromPriority: ticketEscalations.fromPriority,
        toPriority: ticketEscalations.toPriority,
      })
      .from(ticketEscalations)
      .where(
        and(eq(ticketEscalations.tenantId, tenantId), inArray(ticketEscalations.ticketId, ids)),
      ),
  ]);
  const raisesOf = new Map<string, Raise[]>();
  for (const e of escalations) raisesOf.set(e.ticketId, [...(raisesOf.get(e.ticketId) ?? []), e]);
  const changesOf = new Map<string, { toStatus: TicketStatus; at: Date }[]>();
  for (const c of changes) changesOf.set(c.ticketId, [...(changesOf.get(c.ticketId) ?? []), c]);
  // one working-time timeline per distinct calendar, shared by every ticket on it
  const timelines = new TimelineCache(
    timelineRangeFor(
      rows.map((r) => ({
        start: r.createdAt,
        // the longest target of any priority: a raised ticket counts from its earlier one
        targetMinutes: Math.max(
          ...TICKET_PRIORITIES.map((p) => policyOf(r.clientId, p).resolutionMinutes),
        ),
        now,
        stoppedAt: r.resolvedAt,
      })),
    ),
  );
  for (const row of rows) {
    const policy = policyOf(row.clientId, row.priority);
    const hol = holidays.get(row.clientId) ?? [];
    const governing = governingRaises(row.priority, raisesOf.get(row.id) ?? []);
    const basePolicy = policyOf(row.clientId, governing.basePriority);
    const calendar = calendarFor(basePolicy, row.timeZone, hol);
    const raised = governing.raises.map((r) => {
      const p = policyOf(row.clientId, r.toPriority);
      const cal = calendarFor(p, row.timeZone, hol);
      return { at: r.at, policy: p, calendar: cal, timeline: timelines.get(cal) };
    });
    const pauses = pausesFrom(changesOf.get(row.id) ?? []);
    const resolvedNow = row.status === "resolved" || row.status === "closed";
    out.set(row.id, {
      row,
      policy,
      basePriority: governing.basePriority,
      raises: governing.raises,
      timeZone: row.timeZone,
      holidays: hol,
      pauses,
      // the response clock does not pause: a first answer is due even while waiting on the customer
      response: escalatedSlaClock(
        {
          start: row.createdAt,
          targetMinutes: basePolicy.responseMinutes,
          calendar,
          pauses: [],
          stoppedAt: row.firstResponseAt ?? (resolvedNow ? row.resolvedAt : null),
          now,
        },
        raised.map((r) => ({ ...r, targetMinutes: r.policy.responseMinutes })),
        timelines.get(calendar),
      ),
      resolution: escalatedSlaClock(
        {
          start: row.createdAt,
          targetMinutes: basePolicy.resolutionMinutes,
          calendar,
          pauses,
          stoppedAt: resolvedNow ? row.resolvedAt : null,
          now,
        },
        raised.map((r) => ({ ...r, targetMinutes: r.policy.resolutionMinutes })),
        timelines.get(calendar),
      ),
    });
  }
  return out;
}

/** Recomputes and stores the SLA clocks of the given tickets; returns how many changed. */
export async function recomputeClocks(ctx: ServiceCtx, ids: string[], now: Date): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 5_000) {
    const clocks = await clocksFor(ctx, ids.slice(i, i + 5_000), now);
    if (!clocks.size) continue;
    const values = [...clocks.entries()].map(([id, c]) => ({
      id,
      policy: c.policy.id,
      rd: c.response.dueAt.toISOString(),
      sd: c.resolution.dueAt.toISOString(),
      rb: c.response.breached,
      sb: c.resolution.breached,
      ps: c.resolution.paused ? (c.pauses.at(-1)?.from.toISOString() ?? null) : null,
      pauses: c.pauses.map((p) => ({
        from: p.from.toISOString(),
        to: p.to?.toISOString() ?? null,
      })),
      target: c.policy.resolutionMinutes,
      used:
        c.row.status === "resolved" || c.row.status === "closed"
          ? Math.round(c.resolution.usedMinutes)
          : null,
    }));
    n += await affected(
      ctx.db,
      sql`
      update ${tickets} t set
        policy_id = v.policy, response_due_at = v.rd, resolution_due_at = v.sd,
        response_breached = v.rb, resolution_breached = v.sb, paused_since = v.ps,
        pauses = v.pauses, resolution_target_minutes = v.target, resolution_used_minutes = v.used,
        updated_at = now()
      from json_to_recordset(${JSON.stringify(values)}::json)
        as v(id uuid, policy uuid, rd timestamptz, sd timestamptz, rb boolean, sb boolean,
          ps timestamptz, pauses jsonb, target int, used int)
      where t.id = v.id and t.tenant_id = ${ctx.tenantId}
        and (t.response_due_at is distinct from v.rd or t.resolution_due_at is distinct from v.sd
          or t.response_breached <> v.rb or t.resolution_breached <> v.sb
          or t.paused_since is distinct from v.ps or t.policy_id is distinct from v.policy
          or t.pauses <> v.pauses or t.resolution_target_minutes is distinct from v.target
          or t.resolution_used_minutes is distinct from v.used)`,
    );
  }
  return n;
}
