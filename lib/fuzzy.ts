/**
 * How well `query` matches `text` as a fuzzy subsequence (every query character in order,
 * case-insensitive), or null when it does not: higher is better. Characters that start a
 * word, or follow the previous match directly, count more; a match near the start wins ties.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let at = -1;
  for (const ch of q) {
    if (ch === " ") continue;
    const i = t.indexOf(ch, at + 1);
    if (i < 0) return null;
    const wordStart = i === 0 || /[\s/&-]/.test(t[i - 1] ?? "");
    score += 1 + (wordStart ? 3 : 0) + (i === at + 1 ? 2 : 0);
    at = i;
  }
  return score - t.indexOf(q[0] ?? "") * 0.01;
}

/** The items matching `query` best first (ties keep their order), each scored on `textOf`. */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (t: T) => string): T[] {
  return items
    .map((item, i) => ({ item, i, score: fuzzyScore(query, textOf(item)) }))
    .filter((x): x is { item: T; i: number; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.item);
}
