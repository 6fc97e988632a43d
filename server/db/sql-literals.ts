import { sql, type SQL } from "drizzle-orm";
import { OPEN_TICKET_STATUSES } from "@/lib/sla";

/**
 * SQL spellings of shared constants, inlined as literals (not parameters) so that the
 * planner matches the partial indexes whose predicates use the same text. Imports nothing
 * from the services, so the schema and every service can use it without a circle.
 */
const quoted = (v: string) => `'${v.replaceAll("'", "''")}'`;
const list = (values: readonly string[]): SQL => sql.raw(`(${values.map(quoted).join(", ")})`);

/**
 * A constant of the code as a literal, not a parameter: a prepared statement's generic plan
 * then knows it rather than guessing (a `limit $2` is costed as a tenth of the rows), and
 * the planner can match it against partial indexes.
 */
export const literal = (value: string | number): SQL => {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return sql.raw(String(value));
  }
  return sql.raw(quoted(value));
};

/** `('open', 'in_progress', 'pending_customer')`: a ticket whose SLA clocks run. */
export const OPEN_TICKET_STATUS_LIST = list(OPEN_TICKET_STATUSES);

/**
 * `(select … ::uuid)` over a list of ids sent as one JSON parameter: `x in ${uuidIn(ids)}` keeps
 * one statement shape (and one plan) whatever the list's length.
 */
export const uuidIn = (ids: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
