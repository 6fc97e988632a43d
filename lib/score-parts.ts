/**
 * How a score's factors are shown: the rule, once, for the server that stores them and the
 * page that draws them. Largest-remainder rounding: each factor's share of the score is cut
 * to a whole number, and the points left over go one each to the factors with the largest
 * cut-off fractions (ties: the larger factor, then the earlier one). The whole parts then
 * add up exactly to the displayed integer score.
 */
export const ROUNDING_RULE =
  "Each factor's share is rounded down; the points left go to the largest fractions, so the parts add up to the score.";

/** Splits `total` (a whole number ≥ 0) among `weights` (≥ 0) by largest remainder. */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * total) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x), w: weights[i] ?? 0 }))
    .sort((a, b) => b.frac - a.frac || b.w - a.w || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

type Part = { key: string; label: string; points: number };

/**
 * A score's factors as whole points that add up to `score`, largest first, zero parts
 * dropped. Factors that already do so come back unchanged.
 */
export function wholeFactors<F extends Part>(factors: readonly F[], score: number): F[] {
  const points = apportion(
    factors.map((f) => f.points),
    score,
  );
  return factors
    .map((f, i) => ({ ...f, points: points[i] ?? 0 }))
    .filter((f) => f.points > 0)
    .sort((a, b) => b.points - a.points);
}
