import { queueRank, type Severity } from "./noc";
import type { QueueFilterInput } from "./noc-filters";

/** What a queue row must carry for a page to place a pushed change without asking the server. */
export type PatchableRow = {
  id: string;
  type: string;
  severity: Severity;
  status: string;
  score: number | null;
  scoredBy: string | null;
  firstSeenAt: Date | string;
  suppressed: boolean;
  escalated: boolean;
  clientId: string;
  siteId: string;
  assignedGroupId: string | null;
  assignedUserId: string | null;
};

/** A queue as the page asked for it: its filters and how many rows it fetched. */
export type QueueView = QueueFilterInput & { limit: number };

/**
 * Rows a page fetches beyond those it shows, so that resolving alerts (rows leaving) does not
 * make every open page refetch: the spare rows move up instead. The NOC page shows
 * QUEUE_PAGE_ROWS and fetches QUEUE_PAGE_ROWS + QUEUE_SPARE_ROWS.
 */
export const QUEUE_PAGE_ROWS = 200;
export const QUEUE_SPARE_ROWS = 50;
export const QUEUE_FETCH_ROWS = QUEUE_PAGE_ROWS + QUEUE_SPARE_ROWS;

/**
 * Whether a row belongs in a filtered queue, as the server's query decides; undefined when the
 * page cannot tell (a search also matches descriptions, which rows do not carry; "mine"
 * before the page knows who is signed in; "overdue" changes with the clock, not with a push).
 */
export function rowMatches(
  row: PatchableRow,
  f: QueueView,
  me: string | null,
): boolean | undefined {
  if (f.q?.trim()) return undefined;
  if (f.mine && !me) return undefined;
  if (f.overdue) return undefined;
  return (
    (f.status ? row.status === f.status : row.status !== "resolved") &&
    row.suppressed === Boolean(f.suppressed) &&
    (!f.escalated || row.escalated) &&
    (!f.type || row.type === f.type) &&
    (!f.severity || row.severity === f.severity) &&
    (!f.clientId || row.clientId === f.clientId) &&
    (!f.siteId || row.siteId === f.siteId) &&
    (!f.groupId || row.assignedGroupId === f.groupId) &&
    (!f.mine || row.assignedUserId === me)
  );
}

const time = (d: Date | string) => (d instanceof Date ? d.getTime() : Date.parse(d));

/** The queue's order, as the server's: rank (lib/noc.ts, queueRank) highest first, then age. */
export function queueOrder(a: PatchableRow, b: PatchableRow): number {
  return queueRank(b) - queueRank(a) || time(a.firstSeenAt) - time(b.firstSeenAt);
}

/**
 * Applies pushed changes to a page's copy of the queue: changed rows move to their place,
 * join, or leave; `gone` rows (the viewer may no longer see them) and `resolved` ones leave
 * (a page listing resolved alerts refetches instead: their rows are not pushed). The same
 * array comes back when nothing on it changed.
 *
 * The copy is always the first rows of the server's queue. Once it holds at least
 * `limit - QUEUE_SPARE_ROWS` rows it may be cut short (the server may hold more), so a row
 * that would land after its last row stays out: rows between may be missing. `refetch` says
 * the copy no longer covers what the page shows (it fell below that size), or a change could
 * not be placed.
 */
export function patchQueue<R extends PatchableRow>(
  list: R[],
  patch: { rows: R[]; gone: string[]; resolved?: string[] },
  view: QueueView,
  me: string | null,
): { list: R[]; refetch: boolean } {
  const resolved = patch.resolved ?? [];
  if (view.status === "resolved" && resolved.length) return { list, refetch: true };
  const changed = new Map(patch.rows.map((r) => [r.id, r]));
  const gone = new Set([...patch.gone, ...resolved]);
  const joining: R[] = [];
  for (const row of patch.rows) {
    const matches = rowMatches(row, view, me);
    if (matches === undefined) return { list, refetch: true };
    if (matches) joining.push(row);
  }
  const kept = list.filter((r) => !changed.has(r.id) && !gone.has(r.id));
  if (kept.length === list.length && !joining.length) return { list, refetch: false };
  const covers = Math.max(1, view.limit - QUEUE_SPARE_ROWS);
  const cut = list.length >= covers;
  const last = list[list.length - 1];
  const within = cut && last ? joining.filter((r) => queueOrder(r, last) <= 0) : joining;
  const next = [...kept, ...within].sort(queueOrder).slice(0, view.limit);
  return { list: next, refetch: cut && next.length < covers };
}
