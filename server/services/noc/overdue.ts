import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { SEVERITIES, TARGET_RESPONSE_MINUTES } from "@/lib/noc";
import { schema } from "@/server/db";

const { alerts } = schema;

/** An alert's target response (lib/noc.ts, TARGET_RESPONSE_MINUTES), as SQL over `alerts`. */
const targetMinutes = sql.raw(
  `case "alerts"."severity" ${SEVERITIES.map((s) => `when '${s}' then ${TARGET_RESPONSE_MINUTES[s]}`).join(" ")} end`,
);

/**
 * Not acknowledged and waiting longer than its severity's response target at `now`: what the
 * overview counts as "overdue to acknowledge" and the queue's `overdue` filter lists.
 */
export function overdueToAcknowledge(now: Date): SQL {
  return sql`(${alerts.status} = 'new' and ${alerts.firstSeenAt} < ${now.toISOString()}::timestamptz - make_interval(mins => ${targetMinutes}))`;
}
