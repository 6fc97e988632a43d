import { sql } from "drizzle-orm";
import { uuid } from "drizzle-orm/pg-core";
import { sites } from "./platform";

/** The site a shift-domain row belongs to; deleting the site deletes the row. */
export const siteRef = () =>
  uuid("site_id")
    .notNull()
    .references(() => sites.id, { onDelete: "cascade" });

/** A check that an ISO weekday array (1 = Monday) is non-empty and in range. */
export const ISO_DAYS = (col: unknown) =>
  sql`cardinality(${col}) between 1 and 7 and ${col} <@ array[1,2,3,4,5,6,7]`;
