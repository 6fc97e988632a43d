import "server-only";
import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./index";

/**
 * The rows of a raw SQL query, as the caller names them: `T` must match the query's column
 * aliases (`as "camelCase"`) and the types the driver returns (bigint and numeric come back as
 * strings unless cast, timestamps as `Date` or strings). The one place a raw row is typed.
 * A real promise, unlike Drizzle's query, which runs again each time it is awaited.
 */
export async function rawRows<T extends Record<string, unknown> = Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<T[]> {
  return (await db.execute(query)) as T[];
}

/** How many rows a raw insert, update or delete touched. */
export async function affected(db: DbOrTx, query: SQL): Promise<number> {
  return (await db.execute(query)).count;
}
