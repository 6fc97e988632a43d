import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db";
import { rawRows } from "@/server/db/raw";

/** Creates the missing daily partitions of `telemetry` from one instant's day to another's. */
export async function ensurePartitions(db: DbOrTx, from: Date, to: Date): Promise<number> {
  const [r] = await rawRows<{ n: number }>(
    db,
    sql`select telemetry_ensure_partitions(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz) as n`,
  );
  return r?.n ?? 0;
}

/** Drops the daily partitions whose day ended at or before `before`; returns their names. */
export async function dropPartitionsBefore(db: DbOrTx, before: Date): Promise<string[]> {
  const rows = await rawRows<{ name: string }>(
    db,
    sql`select telemetry_drop_partitions_before(${before.toISOString()}::timestamptz) as name`,
  );
  return rows.map((r) => r.name);
}
