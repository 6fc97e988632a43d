import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { LIVE_CHANNEL } from "@/lib/live-topics";
import type { DbOrTx } from "@/server/db";

/** Job runs belong to no one tenant: "*" reaches every subscriber (the jobs page filters). */
export async function publishJobChange(db: DbOrTx, runId: string): Promise<void> {
  const payload = JSON.stringify({ t: "*", topic: "job", ids: [runId] });
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
}

/** Announces several runs at once (one notice per 50, as the live bus expects). */
export async function publishJobChanges(db: DbOrTx, runIds: string[]): Promise<void> {
  for (let i = 0; i < runIds.length; i += 50)
    await db.execute(
      sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ t: "*", topic: "job", ids: runIds.slice(i, i + 50) })})`,
    );
}

/** The same notice as an expression over a run id column, to send it in the statement that writes. */
export function jobChangeNotice(runId: SQL | SQL.Aliased | { getSQL(): SQL }): SQL {
  return sql`pg_notify(${LIVE_CHANNEL}, json_build_object('t', '*', 'topic', 'job', 'ids', json_build_array(${runId}))::text)`;
}
