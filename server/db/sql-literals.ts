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
