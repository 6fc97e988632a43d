/**
 * The board's order and pages (pure): which sites a manager sees first when their scope holds
 * hundreds. Sites with something to act on come first (most first), then the ones with shifts
 * or tour rounds today, then the quiet ones, then the ones whose plan has no shift states.
 */

/** What today holds at a site, as the board ranks it. */
export type SiteLoad = {
  /** shifts today */
  shifts: number;
  /** shifts in a state a manager must act on (no show, wrong site, late, uncertain) */
  attention: number;
  /** tour rounds today */
  rounds: number;
  /** checkpoints missed in today's rounds */
  missed: number;
};

export const NO_LOAD: SiteLoad = { shifts: 0, attention: 0, rounds: 0, missed: 0 };

/** Shifts to act on plus missed checkpoints: what puts a site at the top. */
export const needsAttention = (l: SiteLoad) => l.attention + l.missed;

function rank(compliance: boolean, l: SiteLoad): number {
  if (!compliance) return 3;
  if (needsAttention(l)) return 0;
  return l.shifts || l.rounds ? 1 : 2;
}

/**
 * The sites in board order. Within a rank the given order holds (client, then site name), and
 * among sites needing attention the one with the most comes first.
 */
export function boardOrder<S extends { id: string; compliance: boolean }>(
  sites: readonly S[],
  load: ReadonlyMap<string, SiteLoad>,
): S[] {
  const keyed = sites.map((s, i) => {
    const l = load.get(s.id) ?? NO_LOAD;
    return { s, i, rank: rank(s.compliance, l), need: needsAttention(l) };
  });
  keyed.sort((a, b) => a.rank - b.rank || b.need - a.need || a.i - b.i);
  return keyed.map((k) => k.s);
}

/** One page of `items` (1-based); a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number) {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const index = Math.min(Math.max(1, page), pages);
  return {
    items: items.slice((index - 1) * perPage, index * perPage),
    page: { index, pages, perPage, total: items.length },
  };
}
