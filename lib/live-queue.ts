import type { QueueFilterInput } from "./noc-filters";

/** What a queue row must carry for a page to place a pushed change without asking the server. */
export type PatchableRow = {
  id: string;
  type: string;
  severity: string;
  status: string;
  score: number | null;
  firstSeenAt: Date | string;
  suppressed: boolean;
  clientId: string;
  siteId: string;
  assignedGroupId: string | null;
  assignedUserId: string | null;
};

/** A queue as the page asked for it: its filters and page size. */
export type QueueView = QueueFilterInput & { limit: number };

/**
 * Whether a row belongs in a filtered queue, as the server's query decides; undefined when the
 * page cannot tell (a search also matches descriptions, which rows do not carry; "mine"
 * before the page knows who is signed in).
 */
export function rowMatches(
  row: PatchableRow,
  f: QueueView,
  me: string | null,
): boolean | undefined {
  if (f.q?.trim()) return undefined;
  if (f.mine && !me) return undefined;
  return (
    (f.status ? row.status === f.status : row.status !== "resolved") &&
    row.suppressed === Boolean(f.suppressed) &&
    (!f.type || row.type === f.type) &&
    (!f.severity || row.severity === f.severity) &&
    (!f.clientId || row.clientId === f.clientId) &&
    (!f.siteId || row.siteId === f.siteId) &&
    (!f.groupId || row.assignedGroupId === f.groupId) &&
    (!f.mine || row.assignedUserId === me)
  );
}

const time = (d: Date | string) => (d instanceof Date ? d.getTime() : Date.parse(d));

/** The queue's order: score, highest first and unscored (not yet triaged) before all; then age. */
export function queueOrder(a: PatchableRow, b: PatchableRow): number {
  if (a.score !== b.score) {
    if (a.score === null) return -1;
    if (b.score === null) return 1;
    return b.score - a.score;
  }
  return time(a.firstSeenAt) - time(b.firstSeenAt);
}

/**
 * Applies pushed changes to a page's copy of the queue: changed rows move to their place,
 * join, or leave; `gone` rows (the viewer may no longer see them) leave. `refetch` says the
 * copy may now differ from the server's: a row left a full page (the next one is not here),
 * or a change could not be placed. The same array comes back when nothing on it changed.
 */
export function patchQueue<R extends PatchableRow>(
  list: R[],
  patch: { rows: R[]; gone: string[] },
  view: QueueView,
  me: string | null,
): { list: R[]; refetch: boolean } {
  const changed = new Map(patch.rows.map((r) => [r.id, r]));
  const gone = new Set(patch.gone);
  const joining: R[] = [];
  for (const row of patch.rows) {
    const matches = rowMatches(row, view, me);
    if (matches === undefined) return { list, refetch: true };
    if (matches) joining.push(row);
  }
  const kept = list.filter((r) => !changed.has(r.id) && !gone.has(r.id));
  if (kept.length === list.length && !joining.length) return { list, refetch: false };
  const next = [...kept, ...joining].sort(queueOrder).slice(0, view.limit);
  // a full page that lost a row: the server's next row belongs on it now
  const refetch = list.length >= view.limit && next.length < view.limit;
  return { list: next, refetch };
}
