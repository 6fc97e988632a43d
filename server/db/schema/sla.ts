import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { SLA_CALENDARS, TICKET_PRIORITIES, TICKET_STATUSES, type RiskFactor } from "@/lib/sla";
import { id, timestamps } from "./_columns";
import { clients, sites, tenantRef, users } from "./platform";
import { OPEN_TICKET_STATUS_LIST } from "../sql-literals";

export const ticketPriorityEnum = pgEnum("ticket_priority", TICKET_PRIORITIES);
export const ticketStatusEnum = pgEnum("ticket_status", TICKET_STATUSES);
export const slaCalendarEnum = pgEnum("sla_calendar", SLA_CALENDARS);

/** Response and resolution targets per priority; a client's row overrides the tenant's. */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    tenantId: tenantRef(),
    /** null: the tenant's default for every client without its own */
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "cascade" }),
    priority: ticketPriorityEnum("priority").notNull(),
    responseMinutes: integer("response_minutes").notNull(),
    resolutionMinutes: integer("resolution_minutes").notNull(),
    calendar: slaCalendarEnum("calendar").notNull(),
    /** business calendar: weekdays 0=Sun..6=Sat, local opening hours "HH:MM" */
    businessDays: smallint("business_days")
      .array()
      .notNull()
      .default(sql`'{1,2,3,4,5}'`),
    opensAt: text("opens_at").notNull().default("08:00"),
    closesAt: text("closes_at").notNull().default("18:00"),
    ...timestamps,
  },
  (t) => [
    // the policy lookup: one row per tenant, client (or none) and priority
    unique("sla_policies_tenant_id_client_id_priority_key")
      .on(t.tenantId, t.clientId, t.priority)
      .nullsNotDistinct(),
  ],
);

/** A client's holidays: no business-hours SLA time passes on them. */
export const clientHolidays = pgTable(
  "client_holidays",
  {
    id: id(),
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [
    uniqueIndex("client_holidays_client_id_day_idx").on(t.clientId, t.day),
    index("client_holidays_tenant_id_idx").on(t.tenantId),
  ],
);

export const tickets = pgTable(
  "tickets",
  {
    id: id(),
    tenantId: tenantRef(),
    /** per-tenant number people quote ("#1042") */
    number: bigserial("number", { mode: "number" }).notNull(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    requester: text("requester").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    priority: ticketPriorityEnum("priority").notNull(),
    status: ticketStatusEnum("status").notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** client-supplied key that makes POST /api/tickets safe to retry */
    idempotencyKey: text("idempotency_key"),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    reopenedCount: integer("reopened_count").notNull().default(0),
    /** the SLA clock as of the last change (recomputed on every status change and policy edit) */
    policyId: uuid("policy_id").references(() => slaPolicies.id, { onDelete: "set null" }),
    responseDueAt: timestamp("response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    /** start of the current pending_customer pause, if paused */
    pausedSince: timestamp("paused_since", { withTimezone: true }),
    /** every pause so far (from the status changes), so a batch needs no join to read them */
    pauses: jsonb("pauses").$type<{ from: string; to: string | null }[]>().notNull().default([]),
    resolutionTargetMinutes: integer("resolution_target_minutes"),
    /** working minutes the resolution took (set when resolved): the category's history */
    resolutionUsedMinutes: integer("resolution_used_minutes"),
    responseBreached: boolean("response_breached").notNull().default(false),
    resolutionBreached: boolean("resolution_breached").notNull().default(false),
    /** the newest prediction */
    breachProbability: doublePrecision("breach_probability"),
    riskFactors: jsonb("risk_factors").$type<RiskFactor[]>(),
    scoredBy: text("scored_by"),
    predictedAt: timestamp("predicted_at", { withTimezone: true }),
    /** mean sentiment of the latest comments (AFINN comparative, about -5..5) */
    recentSentiment: doublePrecision("recent_sentiment"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tickets_tenant_id_number_idx").on(t.tenantId, t.number),
    uniqueIndex("tickets_tenant_id_idempotency_key_idx")
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // the SLA risk page and the prediction run: open tickets by probability; migration 0025
    // adds INCLUDE (client_id, site_id, resolution_breached, paused_since, resolution_due_at)
    // so the page's histogram and header counts are index-only scans
    index("tickets_open_risk_idx")
      .on(t.tenantId, sql`${t.breachProbability} desc nulls last`)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
    // the SLA risk list's running group, riskiest first: the breached tickets (probability
    // about 1, tens of thousands at scale) sit at the head of tickets_open_risk_idx and were
    // each read and thrown away before the first running one
    index("tickets_open_running_risk_idx")
      .on(t.tenantId, sql`${t.breachProbability} desc nulls last`)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST} and not ${t.resolutionBreached}`),
    // charts and training over closed tickets; migration 0006 adds INCLUDE (category,
    // resolution_used_minutes, resolution_target_minutes) for the prediction's category history,
    // 0025 (client_id, site_id, resolution_breached, id) for the SLA page's charts
    index("tickets_tenant_id_resolved_at_idx")
      .on(t.tenantId, t.resolvedAt)
      .where(sql`${t.resolvedAt} is not null`),
    index("tickets_tenant_id_client_id_created_at_idx").on(t.tenantId, t.clientId, t.createdAt),
    // the oldest open ticket, where the prediction's working-time timelines start
    index("tickets_tenant_id_created_at_open_idx")
      .on(t.tenantId, t.createdAt)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
    // a site's open tickets, newest first: a playbook's diagnostics step and its dry run (25 ms
    // each through the index above on the large set, 6 a second at the load bench's pace)
    index("tickets_tenant_id_site_id_open_idx")
      .on(t.tenantId, t.siteId, t.createdAt)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
    // the SLA risk list sorted by time left (and breached ones, longest overdue first)
    index("tickets_open_due_idx")
      .on(t.tenantId, t.resolutionDueAt)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
    // the SLA risk list sorted by priority, soonest due first within one
    index("tickets_open_priority_due_idx")
      .on(t.tenantId, t.priority, t.resolutionDueAt)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
    // assignee workload: the prediction counts a tenant's open tickets per assignee from this
    // index alone (an index-only scan, not a pass over the table)
    index("tickets_tenant_id_assignee_id_open_idx")
      .on(t.tenantId, t.assigneeId)
      .where(sql`${t.status} in ${OPEN_TICKET_STATUS_LIST}`),
  ],
);

export const ticketComments = pgTable(
  "ticket_comments",
  {
    id: id(),
    tenantId: tenantRef(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    /** true when written by the requester's side (counts for sentiment) */
    fromRequester: boolean("from_requester").notNull().default(false),
    body: text("body").notNull(),
    sentiment: doublePrecision("sentiment").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ticket_comments_ticket_id_idx").on(t.ticketId, t.createdAt),
    index("ticket_comments_tenant_id_idx").on(t.tenantId),
  ],
);

/** Status changes: the SLA clock's pauses and the ticket's timeline. */
export const ticketStatusChanges = pgTable(
  "ticket_status_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    fromStatus: ticketStatusEnum("from_status"),
    toStatus: ticketStatusEnum("to_status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
  },
  (t) => [
    index("ticket_status_changes_ticket_id_idx").on(t.ticketId, t.at),
    index("ticket_status_changes_tenant_id_idx").on(t.tenantId),
  ],
);

/**
 * A probability per open ticket per prediction run, for trend and calibration charts.
 * Append-only and large (a row per open ticket every 15 minutes, pruned after 35 days), so it
 * carries no foreign key to tickets: checking one per row doubled a run's insert time. Rows of
 * a deleted ticket are never read (every query joins tickets) and age out with the pruning.
 */
export const ticketPredictions = pgTable(
  "ticket_predictions",
  {
    ticketId: uuid("ticket_id").notNull(),
    tenantId: tenantRef(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    probability: doublePrecision("probability").notNull(),
    fractionUsed: doublePrecision("fraction_used").notNull(),
  },
  (t) => [
    index("ticket_predictions_ticket_id_run_at_idx").on(t.ticketId, t.runAt),
    // calibration and pruning by time: rows arrive in time order, so a BRIN index is tiny
    // and costs next to nothing per insert
    index("ticket_predictions_run_at_brin_idx").using("brin", t.runAt),
  ],
);

/** Auto-escalations: at most one per ticket and level. */
export const ticketEscalations = pgTable(
  "ticket_escalations",
  {
    id: id(),
    tenantId: tenantRef(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    level: integer("level").notNull(),
    fromPriority: ticketPriorityEnum("from_priority").notNull(),
    toPriority: ticketPriorityEnum("to_priority").notNull(),
    probability: doublePrecision("probability").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ticket_escalations_ticket_id_level_idx").on(t.ticketId, t.level),
    index("ticket_escalations_tenant_id_at_idx").on(t.tenantId, t.at),
  ],
);

/** One row per prediction run: what it scored and how long it took. */
export const slaPredictionRuns = pgTable(
  "sla_prediction_runs",
  {
    id: id(),
    tenantId: tenantRef(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    scored: integer("scored").notNull(),
    atRisk: integer("at_risk").notNull(),
    alertsRaised: integer("alerts_raised").notNull(),
    alertsResolved: integer("alerts_resolved").notNull(),
    scoredBy: text("scored_by").notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  // the latest runs of a tenant
  (t) => [index("sla_prediction_runs_tenant_id_run_at_idx").on(t.tenantId, t.runAt)],
);
