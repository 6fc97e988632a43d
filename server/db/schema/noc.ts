import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ALERT_SOURCES,
  ALERT_STATUSES,
  ALERT_TYPES,
  NOT_IN_PLAN,
  QUEUE_RANK_PENDING,
  RESOLUTIONS,
  SEVERITIES,
  SEVERITY_POINTS,
} from "@/lib/noc";
import { id, timestamps } from "./_columns";
import { clients, groups, sites, tenantRef, users } from "./platform";

/**
 * lib/noc.ts's queueRank as SQL, written out literally (no bound parameters) so the queue
 * query's ORDER BY is the very expression alerts_queue_rank_idx holds.
 */
export const queueRankSql = sql.raw(
  `(case when "alerts"."score" is not null then "alerts"."score" * 2 + 1` +
    ` when "alerts"."scored_by" = '${NOT_IN_PLAN}' then case "alerts"."severity" ${SEVERITIES.map(
      (s) => `when '${s}' then ${SEVERITY_POINTS[s] * 2}`,
    ).join(" ")} end else ${QUEUE_RANK_PENDING} end)`,
);

export const alertTypeEnum = pgEnum("alert_type", ALERT_TYPES);
export const severityEnum = pgEnum("alert_severity", SEVERITIES);
export const alertStatusEnum = pgEnum("alert_status", ALERT_STATUSES);
export const alertSourceEnum = pgEnum("alert_source", ALERT_SOURCES);
export const resolutionEnum = pgEnum("alert_resolution", RESOLUTIONS);
export const escalationClockEnum = pgEnum("escalation_clock", [
  "score",
  "unacknowledged",
  "not_progressed",
  "nobody_on_shift",
  "routed_unacknowledged",
]);

export type ScoreFactor = { key: string; label: string; points: number };

export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    deviceId: uuid("device_id"),
    ticketId: uuid("ticket_id"),
    shiftId: uuid("shift_id"),
    type: alertTypeEnum("type").notNull(),
    severity: severityEnum("severity").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    source: alertSourceEnum("source").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** a client-supplied key that makes POST /api/alerts safe to retry */
    idempotencyKey: text("idempotency_key"),
    status: alertStatusEnum("status").notNull().default("new"),
    score: integer("score"),
    scoreFactors: jsonb("score_factors").$type<ScoreFactor[]>(),
    /** "heuristic" or "model v<N>" */
    scoredBy: text("scored_by"),
    triagedAt: timestamp("triaged_at", { withTimezone: true }),
    assignedUserId: uuid("assigned_user_id").references(() => users.id, { onDelete: "set null" }),
    assignedGroupId: uuid("assigned_group_id").references(() => groups.id, {
      onDelete: "set null",
    }),
    routedAt: timestamp("routed_at", { withTimezone: true }),
    escalated: boolean("escalated").notNull().default(false),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalationTarget: text("escalation_target"),
    occurrenceCount: integer("occurrence_count").notNull().default(1),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    progressedAt: timestamp("progressed_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolution: resolutionEnum("resolution"),
    resolutionNote: text("resolution_note"),
    /** set when a maintenance window held the alert back: kept, filterable, not in the queue */
    suppressedByWindowId: uuid("suppressed_by_window_id"),
    ...timestamps,
  },
  (t) => [
    // de-duplication: one open alert per fingerprint, enforced under concurrent arrivals
    uniqueIndex("alerts_tenant_id_fingerprint_open_idx")
      .on(t.tenantId, t.fingerprint)
      .where(sql`${t.status} <> 'resolved'`),
    uniqueIndex("alerts_tenant_id_idempotency_key_idx")
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // the NOC queue: open alerts by rank (pending, then score or no-plan severity) then age
    index("alerts_queue_rank_idx")
      .on(t.tenantId, sql`${queueRankSql} desc`, t.firstSeenAt)
      .where(sql`${t.status} <> 'resolved'`),
    // related alerts at a site, and per-site false-alarm rates
    index("alerts_tenant_id_site_id_last_seen_idx").on(t.tenantId, t.siteId, t.lastSeenAt),
    // model training and MTTA/MTTR stats over resolved alerts
    index("alerts_tenant_id_resolved_at_idx")
      .on(t.tenantId, t.resolvedAt)
      .where(sql`${t.status} = 'resolved'`),
    index("alerts_tenant_id_assigned_group_idx").on(t.tenantId, t.assignedGroupId),
    // the queue's MTTA/MTTR header over the last 7 days, on every page load and live refetch
    // (without it, a scan of the whole history: 370 ms on 2 M alerts, 70-85 ms with it)
    index("alerts_tenant_id_first_seen_idx").on(t.tenantId, t.firstSeenAt),
    // open alerts of a type with their fingerprints, from the index alone: the SLA run's
    // open breach-risk alerts (tens of thousands on a large helpdesk), the queue's type filter
    index("alerts_tenant_id_type_fingerprint_open_idx")
      .on(t.tenantId, t.type, t.fingerprint)
      .where(sql`${t.status} <> 'resolved'`),
    // the header's open counts by severity and group, from the index alone: computed for
    // every live batch of alert changes and shared by all of a tenant's open pages
    index("alerts_open_counts_idx")
      .on(t.tenantId, t.severity, t.assignedGroupId)
      .where(sql`${t.status} <> 'resolved' and ${t.suppressedByWindowId} is null`),
    // a device's alert history (device page)
    index("alerts_tenant_id_device_id_idx")
      .on(t.tenantId, t.deviceId, t.firstSeenAt)
      .where(sql`${t.deviceId} is not null`),
    // the queue's search box: substring match over open alerts (pg_trgm)
    index("alerts_open_search_idx")
      .using("gin", sql`(${t.title} || ' ' || ${t.description}) gin_trgm_ops`)
      .where(sql`${t.status} <> 'resolved'`),
  ],
);

export const alertComments = pgTable(
  "alert_comments",
  {
    id: id(),
    tenantId: tenantRef(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("alert_comments_alert_id_idx").on(t.alertId, t.createdAt),
    index("alert_comments_tenant_id_idx").on(t.tenantId),
  ],
);

/** Each escalation clock fires once per alert: the primary key says so. */
export const alertEscalations = pgTable(
  "alert_escalations",
  {
    tenantId: tenantRef(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    clock: escalationClockEnum("clock").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.clock] }),
    index("alert_escalations_tenant_id_idx").on(t.tenantId),
  ],
);

/** Admin-editable routing: which group an alert type goes to when it scores ≥ 80. */
export const routingRules = pgTable(
  "routing_rules",
  {
    tenantId: tenantRef(),
    type: alertTypeEnum("type").notNull(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.type] })],
);

export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** empty = every client / site / type */
    clientIds: uuid("client_ids")
      .array()
      .notNull()
      .default(sql`'{}'`),
    siteIds: uuid("site_ids")
      .array()
      .notNull()
      .default(sql`'{}'`),
    types: alertTypeEnum("types")
      .array()
      .notNull()
      .default(sql`'{}'`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    ...timestamps,
  },
  // windows in force for a tenant at a moment
  (t) => [index("maintenance_windows_tenant_id_ends_at_idx").on(t.tenantId, t.endsAt)],
);

/** Trained priority models: the newest usable one scores alerts; the rest are history. */
export const priorityModels = pgTable(
  "priority_models",
  {
    id: id(),
    tenantId: tenantRef(),
    kind: text("kind").notNull(),
    version: integer("version").notNull(),
    model: jsonb("model")
      .$type<{ weights: number[]; bias: number; means: number[]; scales: number[] }>()
      .notNull(),
    sampleSize: integer("sample_size").notNull(),
    positives: integer("positives").notNull(),
    auc: doublePrecision("auc").notNull(),
    usable: boolean("usable").notNull(),
    trainedAt: timestamp("trained_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("priority_models_tenant_id_kind_version_idx").on(t.tenantId, t.kind, t.version),
  ],
);
