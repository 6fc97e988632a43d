import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "./_columns";
import { tenantRef } from "./platform";
import { findingKindEnum, shifts } from "./shifts";
import { tourRuns } from "./tours";

/**
 * LATE, NO_SHOW, WRONG_SITE (per shift) and MISSED_CHECKPOINT (per round and checkpoint),
 * each stored once: `key` is unique per tenant, so concurrent detection runs insert it once.
 */
export const shiftFindings = pgTable(
  "shift_findings",
  {
    id: id(),
    tenantId: tenantRef(),
    // go with their shift or round (and so with the site)
    clientId: uuid("client_id").notNull(),
    siteId: uuid("site_id").notNull(),
    shiftId: uuid("shift_id").references(() => shifts.id, { onDelete: "cascade" }),
    tourRunId: uuid("tour_run_id").references(() => tourRuns.id, { onDelete: "cascade" }),
    checkpointId: uuid("checkpoint_id"),
    kind: findingKindEnum("kind").notNull(),
    /** `<shift id>:<kind>` or `<round id>:<checkpoint id>` */
    key: text("key").notNull(),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** what it was before a late check-in turned a NO_SHOW into LATE */
    previousKind: findingKindEnum("previous_kind"),
    alertId: uuid("alert_id"),
  },
  (t) => [
    uniqueIndex("shift_findings_tenant_id_key_idx").on(t.tenantId, t.key),
    // the board's and the compliance figures' findings of a site over a period
    index("shift_findings_tenant_id_site_id_detected_at_idx").on(
      t.tenantId,
      t.siteId,
      t.detectedAt,
    ),
    // a shift's findings (board rows, late-after-no-show)
    index("shift_findings_shift_id_idx").on(t.shiftId),
    index("shift_findings_tour_run_id_idx").on(t.tourRunId),
  ],
);
