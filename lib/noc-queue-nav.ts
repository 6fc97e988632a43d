/**
 * The NOC page's pure choices: where the selection goes once an alert is dealt with, which
 * rows count as new arrivals, which of those lie outside the operator's view, which to ring for.
 */

/** New alerts scored at least this ring (sound and desktop notification), when the user opted in. */
export const PING_SCORE = 80;

/**
 * The alert to select after acting on `id`: the next row below it, else the one above (it was
 * the last row). `stay` (the alert remains in the queue, e.g. acknowledged): itself when it was
 * the only row; null otherwise means nothing left to select.
 */
export function nextSelection(
  rows: readonly { id: string }[],
  id: string,
  stay = false,
): string | null {
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) return rows[0]?.id ?? null;
  const next = rows[i + 1] ?? (stay ? undefined : rows[i - 1]);
  return next?.id ?? (stay ? id : null);
}

const time = (d: Date | string) => (d instanceof Date ? d.getTime() : Date.parse(d));

/**
 * Rows that arrived: not among the ids the page already knew, and first seen after `since`
 * (minus slack for clocks), so that old alerts moving up as others leave are no news.
 */
export function arrivals(
  rows: readonly { id: string; firstSeenAt: Date | string }[],
  known: ReadonlySet<string>,
  since: number,
  slackMs = 120_000,
): string[] {
  return rows
    .filter((r) => !known.has(r.id) && time(r.firstSeenAt) >= since - slackMs)
    .map((r) => r.id);
}

/** Where rows sit against the visible band (both in the same coordinates, e.g. the viewport's). */
export type Box = { id: string; top: number; bottom: number };

/** Rows wholly above or below the visible band: what the "N new above/below" pills count. */
export function outsideView(
  boxes: readonly Box[],
  view: { top: number; bottom: number },
): { above: string[]; below: string[] } {
  const above: string[] = [];
  const below: string[] = [];
  for (const b of boxes) {
    if (b.bottom <= view.top) above.push(b.id);
    else if (b.top >= view.bottom) below.push(b.id);
  }
  return { above, below };
}

/** The arrivals to ring for: scored high enough, and not rung for before. */
export function toPing(
  rows: readonly { id: string; score: number | null }[],
  arrived: ReadonlySet<string>,
  rung: ReadonlySet<string>,
): string[] {
  return rows
    .filter((r) => arrived.has(r.id) && !rung.has(r.id) && (r.score ?? 0) >= PING_SCORE)
    .map((r) => r.id);
}
