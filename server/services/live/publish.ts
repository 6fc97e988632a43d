import { sql } from "drizzle-orm";
import { LIVE_CHANNEL, type LiveTopic } from "@/lib/live-topics";
import type { ServiceCtx } from "../_core/context";

const MAX_IDS = 50;

/**
 * Announces a change to every app process. NOTIFY inside a transaction is delivered only
 * when it commits (and never if it rolls back), so callers publish inside their write.
 */
export async function publish(
  ctx: ServiceCtx,
  topic: LiveTopic,
  ids: string[] | null,
): Promise<void> {
  const payload = JSON.stringify({
    t: ctx.tenantId,
    topic,
    ids: ids && ids.length <= MAX_IDS ? ids : null,
  });
  await ctx.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
}
