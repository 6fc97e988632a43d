import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { schema } from "@/server/db";

/**
 * The maintenance window in force at `at` that covers an alert of this client, site and type,
 * as a scalar subquery (its id, or null): for the statements that raise alerts. Life-safety
 * types are never held back; callers leave them out.
 */
export function activeWindowSql(
  tenantId: string,
  at: SQL,
  clientId: SQL,
  siteId: SQL,
  type: SQL,
): SQL {
  return sql`(select w.id from ${schema.maintenanceWindows} w
    where w.tenant_id = ${tenantId} and w.cancelled_at is null
      and w.starts_at <= ${at} and w.ends_at > ${at}
      and (cardinality(w.client_ids) = 0 or ${clientId} = any(w.client_ids))
      and (cardinality(w.site_ids) = 0 or ${siteId} = any(w.site_ids))
      and (cardinality(w.types) = 0 or ${type} = any(w.types))
    limit 1)`;
}
