import "server-only";
import type { Severity } from "@/lib/noc";
import { type DbOrTx, schema } from "@/server/db";
import { type OpenCount, openInQueue, type QueueRow } from "./queue";

const { alerts } = schema;

/**
 * Counted afresh at least this often (and after changes may have been missed), so that a write
 * that was never announced, or a process that missed some, is right again within this long.
 */
export const OPEN_COUNTS_RESYNC_MS = 30_000;
/** A tenant whose counts nobody asked for this long is forgotten. */
const FORGET_AFTER_MS = 5 * 60_000;

/** What an open, unsuppressed alert adds to: its severity and group. */
type Bucket = string;
const bucketOf = (severity: Severity, groupId: string | null): Bucket =>
  `${severity}|${groupId ?? ""}`;

type TenantCounts = {
  /** every open, unsuppressed alert of the tenant, by id: its bucket */
  buckets: Map<string, Bucket>;
  counts: Map<Bucket, OpenCount>;
  countedAt: number;
  usedAt: number;
};

const state = globalThis as unknown as { watchfloorOpenCounts?: Map<string, TenantCounts> };
const tenants = (state.watchfloorOpenCounts ??= new Map());

function add(t: TenantCounts, id: string, severity: Severity, groupId: string | null) {
  const bucket = bucketOf(severity, groupId);
  t.buckets.set(id, bucket);
  const c = t.counts.get(bucket);
  if (c) c.n += 1;
  else t.counts.set(bucket, { severity, groupId, n: 1 });
}

function remove(t: TenantCounts, id: string) {
  const bucket = t.buckets.get(id);
  if (bucket === undefined) return;
  t.buckets.delete(id);
  const c = t.counts.get(bucket);
  if (c && --c.n === 0) t.counts.delete(bucket);
}

async function countAll(db: DbOrTx, tenantId: string, now: number): Promise<TenantCounts> {
  const open = await db
    .select({ id: alerts.id, severity: alerts.severity, groupId: alerts.assignedGroupId })
    .from(alerts)
    .where(openInQueue(tenantId));
  const t: TenantCounts = { buckets: new Map(), counts: new Map(), countedAt: now, usedAt: now };
  for (const a of open) add(t, a.id, a.severity, a.groupId);
  return t;
}

/**
 * Open alerts of a tenant (not suppressed) by severity and group, as openCountsByGroup counts
 * them, kept up to date from the live bus's batches instead of counted again for each: `rows`
 * are the batch's changed alerts as they are now (queueRowsByIds), `ids` all that changed
 * (those without a row were deleted). Applying a batch twice changes nothing, so a batch read
 * while the tenant was being counted afresh cannot count twice. The work per batch follows
 * the batch, not the number of open alerts; the tenant is counted afresh every
 * OPEN_COUNTS_RESYNC_MS and after forgetOpenCounts.
 */
export async function openCountsAfter(
  db: DbOrTx,
  tenantId: string,
  ids: string[],
  rows: QueueRow[],
  now: Date,
): Promise<OpenCount[]> {
  const at = now.getTime();
  for (const [id, t] of tenants) if (at - t.usedAt > FORGET_AFTER_MS) tenants.delete(id);
  let t = tenants.get(tenantId);
  if (!t || at - t.countedAt >= OPEN_COUNTS_RESYNC_MS) {
    t = await countAll(db, tenantId, at);
    tenants.set(tenantId, t);
  } else {
    for (const id of ids) remove(t, id);
    for (const r of rows)
      if (r.status !== "resolved" && !r.suppressed) add(t, r.id, r.severity, r.assignedGroupId);
  }
  t.usedAt = at;
  return [...t.counts.values()].map((c) => ({ ...c }));
}

/** Changes of the tenant (or of every tenant: null) may have been missed: count afresh next time. */
export function forgetOpenCounts(tenantId: string | null): void {
  if (tenantId === null) tenants.clear();
  else tenants.delete(tenantId);
}
