import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { siteRef, ISO_DAYS } from "./_site-columns";
import { tenantRef } from "./platform";
import { shifts } from "./shifts";

/** A guard tour: a site's scheduled rounds over ordered checkpoints. */
export const tours = pgTable(
  "tours",
  {
    id: id(),
    tenantId: tenantRef(),
    siteId: siteRef(),
    name: text("name").notNull(),
    /** a missed round raises a NOC alert */
    critical: boolean("critical").notNull().default(false),
    days: integer("days").array().notNull(),
    /** rounds start every `every_minutes` from `window_start` until before `window_end` (local) */
    windowStart: time("window_start").notNull(),
    windowEnd: time("window_end").notNull(),
    everyMinutes: integer("every_minutes").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // a site's tours (roster page, materialisation)
    index("tours_tenant_id_site_id_idx").on(t.tenantId, t.siteId),
    check("tours_days_iso", ISO_DAYS(t.days)),
    check("tours_every_range", sql`${t.everyMinutes} between 10 and 1440`),
  ],
);

export const tourCheckpoints = pgTable(
  "tour_checkpoints",
  {
    id: id(),
    tenantId: tenantRef(),
    tourId: uuid("tour_id")
      .notNull()
      .references(() => tours.id, { onDelete: "cascade" }),
    // the tour's site: goes with the tour
    siteId: uuid("site_id").notNull(),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    /** where it hangs ("Gate 2, north fence") */
    location: text("location").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** minutes after a round's start within which this checkpoint must be scanned */
    toleranceMinutes: integer("tolerance_minutes").notNull().default(30),
    /**
     * 256 random bits in the QR code's URL. Kept readable (not hashed like vendor links) so the
     * code can be printed again; a scan also needs the signed-in guard on duty at the site.
     */
    token: text("token").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // the scan looks a checkpoint up by its token
    uniqueIndex("tour_checkpoints_token_idx").on(t.token),
    // a tour's checkpoints in order
    index("tour_checkpoints_tour_id_seq_idx").on(t.tourId, t.seq),
    index("tour_checkpoints_tenant_id_idx").on(t.tenantId),
    check("tour_checkpoints_tolerance_range", sql`${t.toleranceMinutes} between 1 and 1440`),
  ],
);

/** One scheduled round of a tour, materialised like shifts. */
export const tourRuns = pgTable(
  "tour_runs",
  {
    id: id(),
    tenantId: tenantRef(),
    tourId: uuid("tour_id")
      .notNull()
      .references(() => tours.id, { onDelete: "cascade" }),
    // the tour's client and site: go with the tour
    clientId: uuid("client_id").notNull(),
    siteId: uuid("site_id").notNull(),
    localDate: date("local_date").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    cancelled: boolean("cancelled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // materialisation's upsert key
    uniqueIndex("tour_runs_tour_id_starts_at_idx").on(t.tourId, t.startsAt),
    // the board's rounds of a site today; detection of missed checkpoints by start
    index("tour_runs_tenant_id_site_id_starts_at_idx").on(t.tenantId, t.siteId, t.startsAt),
    index("tour_runs_tenant_id_starts_at_idx").on(t.tenantId, t.startsAt),
  ],
);

export const checkpointScans = pgTable(
  "checkpoint_scans",
  {
    id: id(),
    tenantId: tenantRef(),
    tourRunId: uuid("tour_run_id")
      .notNull()
      .references(() => tourRuns.id, { onDelete: "cascade" }),
    checkpointId: uuid("checkpoint_id")
      .notNull()
      .references(() => tourCheckpoints.id, { onDelete: "cascade" }),
    guardId: uuid("guard_id"),
    shiftId: uuid("shift_id").references(() => shifts.id, { onDelete: "set null" }),
    scannedAt: timestamp("scanned_at", { withTimezone: true }).notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    accuracyM: doublePrecision("accuracy_m"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one scan per checkpoint and round: a replayed scan is refused
    uniqueIndex("checkpoint_scans_run_checkpoint_idx").on(t.tourRunId, t.checkpointId),
    index("checkpoint_scans_tenant_id_scanned_at_idx").on(t.tenantId, t.scannedAt),
    index("checkpoint_scans_checkpoint_id_idx").on(t.checkpointId),
    // a shift's scans (and the cascade when shifts go)
    index("checkpoint_scans_shift_id_idx").on(t.shiftId),
  ],
);
