import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ATTENDANCE_KINDS,
  ATTENDANCE_METHODS,
  FINDING_KINDS,
  LOCATION_VERDICTS,
} from "@/lib/shifts";
import { id, timestamps } from "./_columns";
import { siteRef, ISO_DAYS } from "./_site-columns";
import { tenantRef } from "./platform";

export const findingKindEnum = pgEnum("finding_kind", FINDING_KINDS);
export const attendanceKindEnum = pgEnum("attendance_kind", ATTENDANCE_KINDS);
export const attendanceMethodEnum = pgEnum("attendance_method", ATTENDANCE_METHODS);
export const locationVerdictEnum = pgEnum("location_verdict", LOCATION_VERDICTS);
export const shiftStatusEnum = pgEnum("shift_status", ["scheduled", "cancelled"]);

/** A site's guarded position ("Front desk", "Patrol B"). */
export const posts = pgTable(
  "posts",
  {
    id: id(),
    tenantId: tenantRef(),
    siteId: siteRef(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // a site's posts by name (roster page), one name per site
    uniqueIndex("posts_site_id_name_idx").on(t.siteId, t.name),
    index("posts_tenant_id_site_id_idx").on(t.tenantId, t.siteId),
  ],
);

/** A post's recurring slot: weekdays and local start/end (an end before the start crosses midnight). */
export const shiftTemplates = pgTable(
  "shift_templates",
  {
    id: id(),
    tenantId: tenantRef(),
    siteId: siteRef(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** ISO weekdays the shift starts on, 1 = Monday … 7 = Sunday */
    days: integer("days").array().notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // materialisation joins a site's active templates; the roster page lists a site's
    index("shift_templates_tenant_id_site_id_idx").on(t.tenantId, t.siteId),
    index("shift_templates_post_id_idx").on(t.postId),
    check("shift_templates_days_iso", ISO_DAYS(t.days)),
    check("shift_templates_not_empty", sql`${t.startTime} <> ${t.endTime}`),
    check(
      "shift_templates_effective_order",
      sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`,
    ),
  ],
);

/** A guard on a template for a date range (open-ended when `ends_on` is null). */
export const shiftAssignments = pgTable(
  "shift_assignments",
  {
    id: id(),
    tenantId: tenantRef(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => shiftTemplates.id, { onDelete: "cascade" }),
    // users are deactivated, never deleted (a tenant's go with it, and its sites' assignments)
    guardId: uuid("guard_id").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    ...timestamps,
  },
  (t) => [
    // materialisation: the assignment covering each template day
    index("shift_assignments_template_id_starts_on_idx").on(t.templateId, t.startsOn),
    // a guard's assignments (roster page, guard detail)
    index("shift_assignments_tenant_id_guard_id_idx").on(t.tenantId, t.guardId),
    check("shift_assignments_order", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * One guard at one post from a start to an end instant, materialised from a template for the
 * site-local day it starts on. The first check-in and the check-out are kept on the row (the
 * board and detection read them without the events).
 */
export const shifts = pgTable(
  "shifts",
  {
    id: id(),
    // Only the site is a foreign key: tenant, client, post and template go only with it (a
    // tenant's sites go with the tenant, and their cascade deletes these shifts), and users are
    // deactivated, never deleted. Per-row checks of the others were half the time of inserting
    // 140,000 materialised shifts, and deleting a tenant checked each of its users against them.
    tenantId: uuid("tenant_id").notNull(),
    clientId: uuid("client_id").notNull(),
    siteId: siteRef(),
    postId: uuid("post_id").notNull(),
    templateId: uuid("template_id"),
    /** null: nobody is assigned (an open shift, a coverage risk) */
    guardId: uuid("guard_id"),
    localDate: date("local_date").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: shiftStatusEnum("status").notNull().default("scheduled"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    excusedAt: timestamp("excused_at", { withTimezone: true }),
    excusedBy: uuid("excused_by"),
    excuseReason: text("excuse_reason"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    checkInVerdict: locationVerdictEnum("check_in_verdict"),
    checkInDistanceM: integer("check_in_distance_m"),
    checkedOutAt: timestamp("checked_out_at", { withTimezone: true }),
    lastVerdict: locationVerdictEnum("last_verdict"),
    ...timestamps,
  },
  (t) => [
    // materialisation's upsert key: one shift per template and site-local day
    uniqueIndex("shifts_template_id_local_date_idx").on(t.templateId, t.localDate),
    // the board, the week view, the CSV export, detection (site by site) over a period, and
    // the site's cascade (queries also filter by tenant; a site id is unique across tenants)
    index("shifts_site_id_starts_at_idx").on(t.siteId, t.startsAt),
    // a guard's own shifts, who is on duty (tours, escalation), back-to-back shifts
    index("shifts_guard_id_starts_at_idx").on(t.guardId, t.startsAt),
    check("shifts_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A check-in or check-out, with the fix and what it says against the geofences. */
export const attendanceEvents = pgTable(
  "attendance_events",
  {
    id: id(),
    tenantId: tenantRef(),
    shiftId: uuid("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    // guard, matched site, recorder and key: kept as facts, without foreign keys (users and
    // keys are deactivated or revoked, not deleted; see shifts)
    guardId: uuid("guard_id"),
    kind: attendanceKindEnum("kind").notNull(),
    method: attendanceMethodEnum("method").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    accuracyM: doublePrecision("accuracy_m"),
    verdict: locationVerdictEnum("verdict").notNull(),
    /** metres from the scheduled site's centre */
    distanceM: integer("distance_m"),
    /** the site whose geofence holds the fix, if any (another site: a wrong-site check-in) */
    matchedSiteId: uuid("matched_site_id"),
    /** minutes before the start beyond the early tolerance (check-ins only) */
    earlyMinutes: integer("early_minutes"),
    recordedBy: uuid("recorded_by"),
    apiKeyId: uuid("api_key_id"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // a shift's attendance, in order (detail, detection)
    index("attendance_events_shift_id_at_idx").on(t.shiftId, t.at),
    // a guard's attendance history
    index("attendance_events_tenant_id_guard_id_at_idx").on(t.tenantId, t.guardId, t.at),
    check("attendance_events_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("attendance_events_longitude_range", sql`${t.longitude} between -180 and 180`),
    check("attendance_events_accuracy_positive", sql`${t.accuracyM} >= 0`),
  ],
);
