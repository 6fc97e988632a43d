import "server-only";
import { sql } from "drizzle-orm";
import { LIVE_CHANNEL, type LiveTopic } from "@/lib/live-topics";
import type { ServiceCtx } from "../_core/context";

/** Ids per NOTIFY (its payload holds at most 8,000 bytes; 50 ids take about 2,000). */
const IDS_PER_NOTIFY = 50;
/** More ids than this are announced as "some changed" (null): pages refetch. */
const MAX_IDS = 500;

/**
 * Announces a change to every app process. NOTIFY inside a transaction is delivered only
 * when it commits (and never if it rolls back), so callers publish inside their write.
 * Up to MAX_IDS ids are named, in several notifications if need be, so that a bulk action on
 * 200 alerts still reaches open pages as changed rows rather than as a refetch.
 */
export async function publish(
  ctx: ServiceCtx,
  topic: LiveTopic,
  ids: string[] | null,
): Promise<void> {
  const named = ids && ids.length <= MAX_IDS ? ids : null;
  const chunks: (string[] | null)[] = [];
  for (let i = 0; named && i < named.length; i += IDS_PER_NOTIFY)
    chunks.push(named.slice(i, i + IDS_PER_NOTIFY));
  if (!chunks.length) chunks.push(named); // null, or no ids at all
  const notify = chunks.map(
    (c) => sql`pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ t: ctx.tenantId, topic, ids: c })})`,
  );
  await ctx.db.execute(sql`select ${sql.join(notify, sql`, `)}`);
}
