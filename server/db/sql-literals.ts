import { sql, type SQL } from "drizzle-orm";
import { OPEN_TICKET_STATUSES } from "@/lib/sla";

/**
 * SQL spellings of shared constants, inlined as literals (not parameters) so that the
 * planner matches the partial indexes whose predicates use the same text. Imports nothing
 * from the services, so the schema and every service can use it without a circle.
 */
const list = (values: readonly string[]): SQL =>
  sql.raw(`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")})`);

/** `('open', 'in_progress', 'pending_customer')`: a ticket whose SLA clocks run. */
export const OPEN_TICKET_STATUS_LIST = list(OPEN_TICKET_STATUSES);

/**
 * `(select … ::uuid)` over a list of ids sent as one JSON parameter: `x in ${uuidIn(ids)}` keeps
 * one statement shape (and one plan) whatever the list's length.
 */
export const uuidIn = (ids: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
