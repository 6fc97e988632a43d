import { sql } from "drizzle-orm";
import { LIVE_CHANNEL } from "@/lib/live-topics";
import type { DbOrTx } from "@/server/db";

/** Job runs belong to no one tenant: "*" reaches every subscriber (the jobs page filters). */
export async function publishJobChange(db: DbOrTx, runId: string): Promise<void> {
  const payload = JSON.stringify({ t: "*", topic: "job", ids: [runId] });
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
}
