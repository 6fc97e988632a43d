import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  APPROVAL_DECISIONS,
  RUN_STATUSES,
  STEP_KINDS,
  STEP_STATUSES,
  type PlaybookDefinition,
} from "@/lib/schemas/playbooks";
import { id, timestamps } from "./_columns";
import { alerts } from "./noc";
import { clients, sites, tenantRef, users } from "./platform";

export const playbookRunStatusEnum = pgEnum("playbook_run_status", RUN_STATUSES);
export const playbookStepStatusEnum = pgEnum("playbook_step_status", STEP_STATUSES);
export const playbookStepKindEnum = pgEnum("playbook_step_kind", STEP_KINDS);
export const approvalDecisionEnum = pgEnum("playbook_approval_decision", APPROVAL_DECISIONS);

/** A playbook; its definition lives in versions (a run records the version it ran). */
export const playbooks = pgTable(
  "playbooks",
  {
    id: id(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    /** kill switch: no new runs, waiting runs cancelled; cleared by enabling again */
    killedAt: timestamp("killed_at", { withTimezone: true }),
    killedBy: uuid("killed_by").references(() => users.id, { onDelete: "set null" }),
    currentVersion: integer("current_version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    // the playbooks page, by name; names are unique in a tenant
    uniqueIndex("playbooks_tenant_id_name_idx").on(t.tenantId, t.name),
    // matching after triage: the tenant's enabled playbooks
    index("playbooks_tenant_id_enabled_idx")
      .on(t.tenantId)
      .where(sql`${t.enabled}`),
  ],
);

export const playbookVersions = pgTable(
  "playbook_versions",
  {
    id: id(),
    tenantId: tenantRef(),
    playbookId: uuid("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<PlaybookDefinition>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("playbook_versions_playbook_id_version_idx").on(t.playbookId, t.version),
    index("playbook_versions_tenant_id_idx").on(t.tenantId),
  ],
);

/** One run of one playbook version against one alert. */
export const playbookRuns = pgTable(
  "playbook_runs",
  {
    id: id(),
    tenantId: tenantRef(),
    playbookId: uuid("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => playbookVersions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    status: playbookRunStatusEnum("status").notNull().default("pending"),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    rejectedBy: uuid("rejected_by").references(() => users.id, { onDelete: "set null" }),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    /** "app", "email link" or "slack link": where the decision was taken */
    decidedVia: text("decided_via"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** index of the step running or waiting now */
    currentStep: integer("current_step"),
    error: text("error"),
    /** set when this run's resolve_alert step resolved the alert (auto-resolution rate) */
    resolvedAlert: boolean("resolved_alert").notNull().default(false),
    /** the ticket a create_ticket step opened (ticket_resolved waits on it) */
    ticketId: uuid("ticket_id"),
    ...timestamps,
  },
  (t) => [
    // one run per playbook per alert, under duplicate triage events
    uniqueIndex("playbook_runs_playbook_id_alert_id_idx").on(t.playbookId, t.alertId),
    // a playbook's runs, newest first (playbooks page, run list, stats)
    index("playbook_runs_tenant_id_playbook_id_created_idx").on(
      t.tenantId,
      t.playbookId,
      t.createdAt,
    ),
    // an alert's runs (alert panel)
    index("playbook_runs_tenant_id_alert_id_idx").on(t.tenantId, t.alertId),
    // guardrail: a playbook's runs at a site in the last hour
    index("playbook_runs_playbook_id_site_id_created_idx").on(t.playbookId, t.siteId, t.createdAt),
    // waiting runs (kill switch, approvals to take)
    index("playbook_runs_tenant_id_active_idx")
      .on(t.tenantId, t.status)
      .where(sql`${t.status} in ('pending', 'awaiting_approval', 'running')`),
  ],
);

export const playbookStepResults = pgTable(
  "playbook_step_results",
  {
    id: id(),
    tenantId: tenantRef(),
    runId: uuid("run_id")
      .notNull()
      .references(() => playbookRuns.id, { onDelete: "cascade" }),
    stepIndex: integer("step_index").notNull(),
    kind: playbookStepKindEnum("kind").notNull(),
    status: playbookStepStatusEnum("status").notNull().default("pending"),
    attempt: integer("attempt").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    output: jsonb("output").$type<Record<string, unknown>>(),
    error: text("error"),
    ...timestamps,
  },
  (t) => [
    // a run's steps in order (run detail); one row per step
    uniqueIndex("playbook_step_results_run_id_step_idx").on(t.runId, t.stepIndex),
    index("playbook_step_results_tenant_id_idx").on(t.tenantId),
  ],
);

/** Approve/reject links: only the hash is kept; one token per run and decision. */
export const playbookApprovalTokens = pgTable(
  "playbook_approval_tokens",
  {
    id: id(),
    tenantId: tenantRef(),
    runId: uuid("run_id")
      .notNull()
      .references(() => playbookRuns.id, { onDelete: "cascade" }),
    decision: approvalDecisionEnum("decision").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("playbook_approval_tokens_hash_idx").on(t.tokenHash),
    uniqueIndex("playbook_approval_tokens_run_id_decision_idx").on(t.runId, t.decision),
    index("playbook_approval_tokens_tenant_id_idx").on(t.tenantId),
  ],
);
