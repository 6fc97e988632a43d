import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { KpiKey, KpiResult } from "@/lib/scorecards";
import { id, timestamps } from "./_columns";
import { clients, tenantRef } from "./platform";

/**
 * One frozen snapshot of a client's month. Regenerating inserts a new version and stamps the
 * old one `superseded_at`, so every version anyone saw stays provable by its content hash.
 */
export const scorecards = pgTable(
  "scorecards",
  {
    id: id(),
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    /** first day of the month, e.g. 2026-10-01 */
    month: date("month", { mode: "string" }).notNull(),
    version: integer("version").notNull(),
    kpis: jsonb("kpis").$type<KpiResult[]>().notNull(),
    summary: jsonb("summary").$type<string[]>().notNull(),
    overallRag: text("overall_rag").$type<"red" | "amber" | "green" | "none">().notNull(),
    contentHash: text("content_hash").notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull(),
    generatedBy: text("generated_by").notNull(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("scorecards_client_id_month_version_idx").on(t.clientId, t.month, t.version),
    // exactly one current version per client-month: concurrent generators meet here
    uniqueIndex("scorecards_client_id_month_current_idx")
      .on(t.clientId, t.month)
      .where(sql`${t.supersededAt} is null`),
    // the clients × months grid (and the tenant_id foreign key)
    index("scorecards_tenant_id_month_idx").on(t.tenantId, t.month),
    check("scorecards_month_first_day", sql`extract(day from ${t.month}) = 1`),
    check("scorecards_version_positive", sql`${t.version} >= 1`),
  ],
);

/** A client's contract target for one KPI; KPIs without a row use the defaults in lib/scorecards. */
export const scorecardTargets = pgTable(
  "scorecard_targets",
  {
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    kpi: text("kpi").$type<KpiKey>().notNull(),
    target: doublePrecision("target").notNull(),
    /** where amber turns red; on the bad side of the target */
    redAt: doublePrecision("red_at").notNull(),
    updatedBy: text("updated_by").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.kpi] }),
    index("scorecard_targets_tenant_id_idx").on(t.tenantId),
  ],
);
