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
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { DEVICE_KINDS, FAILURE_TYPES, type HealthComponents } from "@/lib/devices";
import { id, timestamps } from "./_columns";
import { clients, sites, tenantRef, users } from "./platform";
import { workOrders } from "./vendors";

export const deviceKindEnum = pgEnum("device_kind", DEVICE_KINDS);
export const failureTypeEnum = pgEnum("failure_type", FAILURE_TYPES);

export type PredictionFactor = { key: string; label: string };
/** The current prediction, as the device page and the NOC's device section show it. */
export type DevicePrediction = {
  probability: number;
  type: (typeof FAILURE_TYPES)[number];
  byType: Record<(typeof FAILURE_TYPES)[number], number>;
  explanation: PredictionFactor[];
  recommendation: string;
  scoredBy: string;
};

export const devices = pgTable(
  "devices",
  {
    id: id(),
    tenantId: tenantRef(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    kind: deviceKindEnum("kind").notNull(),
    name: text("name").notNull(),
    model: text("model").notNull().default(""),
    serial: text("serial").notNull(),
    installedAt: timestamp("installed_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    /** first characters of the device's API key, to tell keys apart; the key itself is hashed */
    apiKeyPrefix: text("api_key_prefix"),
    apiKeyHash: text("api_key_hash"),
    // written by ingestion, one statement per batch (no index on these: updates stay HOT);
    // what the hourly run writes is in device_health, so the two never contend for a row
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    online: boolean("online").notNull().default(false),
    offlineSince: timestamp("offline_since", { withTimezone: true }),
    lastBattery: real("last_battery"),
    lastSignal: real("last_signal"),
    lastTemperature: real("last_temperature"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("devices_tenant_id_serial_idx").on(t.tenantId, t.serial),
    uniqueIndex("devices_api_key_hash_idx")
      .on(t.apiKeyHash)
      .where(sql`${t.apiKeyHash} is not null`),
    // the fleet page's filters and per-site summary; a gateway's devices
    index("devices_tenant_id_site_id_idx").on(t.tenantId, t.siteId),
    index("devices_tenant_id_client_id_idx").on(t.tenantId, t.clientId),
  ],
);

/**
 * Each device's health as of the last hourly run: written by the run alone (an upsert per
 * device), read by the fleet and device pages and by triage's device factor.
 */
export const deviceHealth = pgTable(
  "device_health",
  {
    deviceId: uuid("device_id")
      .primaryKey()
      .references(() => devices.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    /** silver and up; null for bronze (predictions and alerts only) */
    score: smallint("score"),
    components: jsonb("components").$type<HealthComponents>(),
    probability: real("probability"),
    prediction: jsonb("prediction").$type<DevicePrediction>(),
    scoredAt: timestamp("scored_at", { withTimezone: true }).notNull(),
    /** a hash of score, components and prediction: the run rewrites only rows that changed */
    signature: text("signature"),
    /** gold: why the device is due for replacement (null: it is not) */
    replacementReason: text("replacement_reason"),
    replacementSince: timestamp("replacement_since", { withTimezone: true }),
  },
  (t) => [
    // the fleet page's histogram and worst devices
    index("device_health_tenant_id_score_idx").on(t.tenantId, t.score),
  ],
);

/**
 * Raw readings. The migration creates this table PARTITIONED BY RANGE (ts), one partition a
 * day (telemetry_ensure_partitions), which Drizzle cannot declare: retention drops whole days
 * and the hourly rollup reads only the partitions of its hour. No foreign key: a reading's
 * device is checked at ingestion, and a per-row trigger would halve the insert rate.
 */
export const telemetry = pgTable(
  "telemetry",
  {
    deviceId: uuid("device_id").notNull(),
    ts: timestamp("ts", { withTimezone: true }).notNull(),
    battery: real("battery"),
    signal: real("signal"),
    temperature: real("temperature"),
    online: boolean("online").notNull().default(true),
    reboots: integer("reboots"),
  },
  (t) => [
    // duplicates (device, timestamp) are ignored on this key
    primaryKey({ columns: [t.deviceId, t.ts] }),
    // the rollup's hour within a day's partition (readings arrive in time order)
    index("telemetry_ts_brin_idx").using("brin", t.ts),
  ],
);

/**
 * One row per device and hour: what the scoring run, training and the 7-day charts read.
 * Sums rather than averages, so that any span of hours combines exactly (mean, variance).
 */
export const telemetryHourly = pgTable(
  "telemetry_hourly",
  {
    deviceId: uuid("device_id").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    /**
     * the device's tenant: the hourly run reads a tenant's window without joining devices.
     * No foreign key: its check cost a row lock on the tenant per rollup row (0.7 s of each
     * hour's 20,000 on the large fleet); rows go with their devices (seed reset) or retention.
     */
    tenantId: uuid("tenant_id").notNull(),
    n: integer("n").notNull(),
    onlineN: integer("online_n").notNull(),
    /** the share of the hour the device was heard from, against its kind's heartbeat (0–1) */
    up: real("up").notNull(),
    batteryN: integer("battery_n").notNull(),
    batterySum: doublePrecision("battery_sum"),
    batteryMin: real("battery_min"),
    batteryMax: real("battery_max"),
    signalN: integer("signal_n").notNull(),
    signalSum: doublePrecision("signal_sum"),
    signalSumSq: doublePrecision("signal_sumsq"),
    signalMin: real("signal_min"),
    signalMax: real("signal_max"),
    tempN: integer("temp_n").notNull(),
    tempSum: doublePrecision("temp_sum"),
    tempMin: real("temp_min"),
    tempMax: real("temp_max"),
    /** readings outside the device kind's operating range */
    tempOut: integer("temp_out").notNull(),
    rebootsMin: integer("reboots_min"),
    rebootsMax: integer("reboots_max"),
  },
  (t) => [
    // a device's charts and its scoring window
    primaryKey({ columns: [t.deviceId, t.hour] }),
    // the hourly run's 24 h window of a tenant
    index("telemetry_hourly_tenant_id_hour_idx").on(t.tenantId, t.hour),
    // retention
    index("telemetry_hourly_hour_brin_idx").using("brin", t.hour),
  ],
);

/**
 * Which hours of a tenant are rolled up; `dirty` when a reading for a finished hour arrived
 * after its rollup (ingestion marks it, the next run rolls the hour again).
 */
export const telemetryRollupHours = pgTable(
  "telemetry_rollup_hours",
  {
    tenantId: tenantRef(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    dirty: boolean("dirty").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.hour] })],
);

/** Score history: one row per device per hourly run, every component with the score. */
export const deviceScores = pgTable(
  "device_scores",
  {
    // no foreign key: its check would lock each device's row (20,000 an hour); the rows of a
    // deleted device go with the 90-day retention
    deviceId: uuid("device_id").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    score: smallint("score").notNull(),
    battery: smallint("battery"),
    signal: smallint("signal"),
    uptime: smallint("uptime"),
    temperature: smallint("temperature"),
    probability: real("probability").notNull(),
    failureType: failureTypeEnum("failure_type").notNull(),
  },
  (t) => [
    // a device's score trend
    primaryKey({ columns: [t.deviceId, t.runAt] }),
    // retention
    index("device_scores_run_at_brin_idx").using("brin", t.runAt),
  ],
);

/**
 * Failures as they happened (went offline, battery flat, faulted): the labels the model is
 * trained on, and what predictive replacement counts.
 */
export const deviceFailures = pgTable(
  "device_failures",
  {
    id: id(),
    tenantId: tenantRef(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    type: failureTypeEnum("type").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    uniqueIndex("device_failures_device_id_type_at_idx").on(t.deviceId, t.type, t.at),
    // training labels and replacement counts over a tenant's recent failures
    index("device_failures_tenant_id_at_idx").on(t.tenantId, t.at),
  ],
);

/** One row per scoring run of a tenant: the fleet page's "last run" and the jobs page. */
export const deviceHealthRuns = pgTable(
  "device_health_runs",
  {
    id: id(),
    tenantId: tenantRef(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    scored: integer("scored").notNull(),
    atRisk: integer("at_risk").notNull(),
    offline: integer("offline").notNull(),
    alertsRaised: integer("alerts_raised").notNull(),
    alertsResolved: integer("alerts_resolved").notNull(),
    scoredBy: text("scored_by").notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("device_health_runs_tenant_id_run_at_idx").on(t.tenantId, t.runAt)],
);

/** A site gateway's key: posts readings for any device of its site. */
export const gatewayKeys = pgTable(
  "gateway_keys",
  {
    id: id(),
    tenantId: tenantRef(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("gateway_keys_tenant_id_site_id_idx").on(t.tenantId, t.siteId)],
);

/** The work order a recommendation became, with the diagnostics it was created from. */
export const deviceWorkOrders = pgTable(
  "device_work_orders",
  {
    workOrderId: uuid("work_order_id")
      .primaryKey()
      .references(() => workOrders.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    failureType: failureTypeEnum("failure_type").notNull(),
    diagnostics: jsonb("diagnostics").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("device_work_orders_device_id_idx").on(t.deviceId),
    index("device_work_orders_tenant_id_idx").on(t.tenantId),
  ],
);
