import {
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  smallint,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { tenantRef } from "./platform";

/**
 * Each device's 24 h scoring window as running sums (services/devices/window-state.ts): the
 * hourly run slides it by one hour — adds the newest hourly rollup, takes out the one that
 * left — instead of re-aggregating 24 rollups per device. The sums are those of WindowSums,
 * x counted in hours before `window_end`. A max or min stays with the hour it came from, so
 * the slide knows when it leaves the window (the device is then summed afresh).
 * Updated in place every hour; no indexed column changes, and the migration leaves room on
 * each page (fillfactor), so the updates stay HOT. The float sums drift by float addition as
 * they slide: `slides` counts the slides since the window was last summed afresh, and a window
 * that reached WINDOW_SLIDES_BEFORE_RESUM is summed afresh instead of slid.
 */
export const deviceWindows = pgTable(
  "device_windows",
  {
    deviceId: uuid("device_id")
      .primaryKey()
      .references(() => devices.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull(),
    /** the sums are those of [window_end − 24 h, window_end) */
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    up24: doublePrecision("up24").notNull(),
    up6: doublePrecision("up6").notNull(),
    bN: integer("b_n").notNull(),
    bX: doublePrecision("b_x").notNull(),
    bXX: doublePrecision("b_xx").notNull(),
    bY: doublePrecision("b_y").notNull(),
    bXY: doublePrecision("b_xy").notNull(),
    sN: integer("s_n").notNull(),
    sX: doublePrecision("s_x").notNull(),
    sXX: doublePrecision("s_xx").notNull(),
    sY: doublePrecision("s_y").notNull(),
    sXY: doublePrecision("s_xy").notNull(),
    sRawN: integer("s_raw_n").notNull(),
    sRawSum: doublePrecision("s_raw_sum").notNull(),
    sRawSq: doublePrecision("s_raw_sq").notNull(),
    tempN: integer("temp_n").notNull(),
    tempOut: integer("temp_out").notNull(),
    tempJump: real("temp_jump"),
    tempJumpAt: timestamp("temp_jump_at", { withTimezone: true }),
    rebootsMax: integer("reboots_max"),
    rebootsMaxAt: timestamp("reboots_max_at", { withTimezone: true }),
    rebootsMin: integer("reboots_min"),
    rebootsMinAt: timestamp("reboots_min_at", { withTimezone: true }),
    rebootsLastHour: integer("reboots_last_hour"),
    /** slides since last summed afresh (a full re-sum starts each device at its own count) */
    slides: smallint("slides").notNull().default(0),
  },
  // the run's slide and read of a tenant's windows
  (t) => [index("device_windows_tenant_id_idx").on(t.tenantId)],
);

/**
 * The hour every device window of a tenant was last brought to (slid or summed afresh). A
 * rollup of an hour before it deletes the row: those windows no longer match their rollups,
 * and the next run sums them afresh instead of sliding them.
 */
export const deviceWindowMarks = pgTable("device_window_marks", {
  tenantId: tenantRef().primaryKey(),
  windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
});
