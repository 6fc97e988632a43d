import { describe, expect, it } from "vitest";
import { Random } from "@/server/seed/random";
import { auc, predictLogistic, trainLogistic } from "./logistic";

function synthetic(n: number, seed: number) {
  const r = new Random(seed);
  const xs: number[][] = [];
  const ys: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, c, flag] = [r.next(), r.next(), r.next(), r.chance(0.3) ? 1 : 0];
    const x = [a, b, c, flag];
    // the truth: feature 0 and the flag matter, feature 2 lowers the odds, feature 1 is noise
    const logit = 4 * a - 3 * c + 2 * flag - 0.5;
    ys.push(r.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
    xs.push(x);
  }
  return { xs, ys };
}

describe("logistic regression", () => {
  it("learns the direction of each effect and beats the AUC bar on held-out data", () => {
    const train = synthetic(2000, 1);
    const test = synthetic(1000, 2);
    const model = trainLogistic(train.xs, train.ys);
    const [w0 = 0, w1 = 0, w2 = 0, w3 = 0] = model.weights;
    expect(w0).toBeGreaterThan(0.5);
    expect(w2).toBeLessThan(-0.5);
    expect(w3).toBeGreaterThan(0.3);
    expect(Math.abs(w1)).toBeLessThan(0.2);
    const scores = test.xs.map((x) => predictLogistic(model, x).p);
    expect(auc(scores, test.ys)).toBeGreaterThan(0.7);
  });

  it("explains a prediction as per-feature contributions to the log-odds", () => {
    const { xs, ys } = synthetic(500, 3);
    const model = trainLogistic(xs, ys);
    const { p, contributions } = predictLogistic(model, [1, 0.5, 0, 1]);
    const logit = contributions.reduce((s, c) => s + c, model.bias);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-logit)), 10);
    expect(contributions[0]).toBeGreaterThan(0);
  });

  it("computes AUC with ties and refuses one-class data", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 10);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBeCloseTo(0.5, 10);
    expect(auc([1, 0], [1, 1])).toBeNaN();
  });

  it("refuses empty or mismatched training data", () => {
    expect(() => trainLogistic([], [])).toThrow();
    expect(() => trainLogistic([[1]], [1, 0])).toThrow();
  });
});
