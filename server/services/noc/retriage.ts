import { and, isNull, lt, ne, sql } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { triageAlert } from "./triage";

/**
 * A safety net for triage: alerts still unscored a minute after they arrived (their event was
 * lost, or came before the function was running) are triaged now.
 */
export async function triageStragglers(db: Db, limit = 200): Promise<number> {
  const rows = await db
    .select({ id: schema.alerts.id, tenantId: schema.alerts.tenantId })
    .from(schema.alerts)
    .where(
      and(
        isNull(schema.alerts.triagedAt),
        ne(schema.alerts.status, "resolved"),
        lt(schema.alerts.createdAt, sql`now() - interval '1 minute'`),
      ),
    )
    .limit(limit);
  for (const r of rows) await triageAlert(db, { tenantId: r.tenantId, alertId: r.id });
  return rows.length;
}
