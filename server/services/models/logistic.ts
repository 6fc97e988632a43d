import "server-only";

/**
 * Binary logistic regression, small and dependency-free: features are standardised, weights
 * fitted by full-batch gradient descent with L2 regularisation. (ml-logistic-regression, the
 * one maintained-looking package, has not been released since 2019 and fits one-vs-all
 * without regularisation or per-feature scaling.)
 */
export type LogisticModel = {
  weights: number[];
  bias: number;
  means: number[];
  scales: number[];
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

export function trainLogistic(
  xs: number[][],
  ys: (0 | 1)[],
  opts: { iterations?: number; learningRate?: number; l2?: number } = {},
): LogisticModel {
  const n = xs.length;
  const d = xs[0]?.length ?? 0;
  if (!n || !d || ys.length !== n)
    throw new Error("training needs rows of features with one label each");
  const { iterations = 800, learningRate = 0.5, l2 = 0.01 } = opts;
  const means = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + (x[j] ?? 0), 0) / n);
  const scales = means.map((m, j) => {
    const v = xs.reduce((s, x) => s + ((x[j] ?? 0) - m) ** 2, 0) / n;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const z = xs.map((x) => x.map((v, j) => (v - (means[j] ?? 0)) / (scales[j] ?? 1)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i] ?? [];
      const err = sigmoid(row.reduce((s, v, j) => s + v * (w[j] ?? 0), b)) - (ys[i] ?? 0);
      for (let j = 0; j < d; j++) gw[j] = (gw[j] ?? 0) + err * (row[j] ?? 0);
      gb += err;
    }
    for (let j = 0; j < d; j++)
      w[j] = (w[j] ?? 0) - learningRate * ((gw[j] ?? 0) / n + l2 * (w[j] ?? 0));
    b -= (learningRate * gb) / n;
  }
  return { weights: w, bias: b, means, scales };
}

/** Probability of the positive class, with each feature's contribution to the log-odds. */
export function predictLogistic(
  model: LogisticModel,
  x: number[],
): { p: number; contributions: number[] } {
  const contributions = x.map(
    (v, j) => ((v - (model.means[j] ?? 0)) / (model.scales[j] ?? 1)) * (model.weights[j] ?? 0),
  );
  return { p: sigmoid(contributions.reduce((s, c) => s + c, model.bias)), contributions };
}

/** Area under the ROC curve (probability a random positive outranks a random negative). */
export function auc(scores: number[], labels: (0 | 1)[]): number {
  const pairs = scores.map((s, i) => ({ s, y: labels[i] ?? 0 })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  // average ranks over ties
  for (let i = 0; i < pairs.length;) {
    let j = i;
    while (j + 1 < pairs.length && pairs[j + 1]?.s === pairs[i]?.s) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (pairs[k]?.y === 1) {
        rankSum += rank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = pairs.length - positives;
  if (!positives || !negatives) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
