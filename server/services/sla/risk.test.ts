import { describe, expect, it } from "vitest";
import { trainLogistic, auc, predictLogistic } from "../models/logistic";
import {
  factorsAt,
  explainRisk,
  FEATURE_KEYS,
  heuristicRisk,
  modelRisk,
  predictionMoved,
  riskFeatures,
  scoreRisk,
  topFactorKey,
  type RiskInput,
} from "./risk";

const calm: RiskInput = {
  fractionUsed: 0.2,
  hoursLeft: 20,
  noFirstResponse: false,
  priority: "P3",
  categorySlowness: 0.5,
  assigneeOpen: 3,
  reopenedCount: 0,
  pendingHours: 0,
  sentiment: 1,
};
const p = (x: Partial<RiskInput>) => heuristicRisk({ ...calm, ...x }).probability;
const keys = (x: Partial<RiskInput>) => heuristicRisk({ ...calm, ...x }).factors.map((f) => f.key);

describe("breach risk heuristic", () => {
  it("keeps a fresh, answered ticket of an easy category low", () => {
    expect(p({})).toBeLessThan(0.1);
  });

  it("rises with the share of the SLA used", () => {
    expect(p({ fractionUsed: 0.6, hoursLeft: 8 })).toBeGreaterThan(p({}));
    expect(p({ fractionUsed: 0.9, hoursLeft: 2 })).toBeGreaterThan(0.7);
    expect(keys({ fractionUsed: 0.9, hoursLeft: 2 })[0]).toBe("used");
  });

  it("rises as the deadline nears", () => {
    expect(p({ hoursLeft: 0.5 })).toBeGreaterThan(p({ hoursLeft: 10 }));
  });

  it("is 1 once past the target, and says so", () => {
    const r = heuristicRisk({ ...calm, fractionUsed: 1.1, hoursLeft: -0.5 });
    expect(r.probability).toBe(1);
    expect(r.factors[0]?.label).toBe("Past the resolution target");
  });

  it("weighs each of the spec's factors", () => {
    const mid: Partial<RiskInput> = { fractionUsed: 0.5, hoursLeft: 4 };
    expect(p({ ...mid, noFirstResponse: true })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, priority: "P1" })).toBeGreaterThan(p({ ...mid, priority: "P4" }));
    expect(p({ ...mid, categorySlowness: 1.5 })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, assigneeOpen: 25 })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, assigneeOpen: null })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, reopenedCount: 2 })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, pendingHours: 30 })).toBeGreaterThan(p(mid));
    expect(p({ ...mid, sentiment: -3 })).toBeGreaterThan(p(mid));
    expect(keys({ ...mid, noFirstResponse: true })).toContain("noResponse");
    expect(keys({ ...mid, sentiment: -3 })).toContain("sentiment");
  });

  it("explains with at most four factors whose weights add up to the probability", () => {
    const r = heuristicRisk({
      ...calm,
      fractionUsed: 0.8,
      hoursLeft: 1,
      noFirstResponse: true,
      sentiment: -2,
      assigneeOpen: 30,
    });
    expect(r.factors.length).toBeLessThanOrEqual(4);
    const sum = r.factors.reduce((s, f) => s + f.weight, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(r.probability + 0.02);
    for (const f of r.factors) expect(f.label.length).toBeGreaterThan(3);
  });

  it("builds the same feature vector for training and scoring", () => {
    const f = riskFeatures(calm);
    expect(f).toHaveLength(FEATURE_KEYS.length);
    expect(riskFeatures({ ...calm, assigneeOpen: null }).at(-1)).toBe(1);
    expect(riskFeatures({ ...calm, fractionUsed: 9 })[0]).toBe(2);
  });
});

describe("trained breach model", () => {
  // synthetic tickets: breaching is driven by SLA used, no response and an unhappy customer
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const sample = (): { x: RiskInput; y: 0 | 1 } => {
    const x: RiskInput = {
      fractionUsed: rnd(),
      hoursLeft: 1 + rnd() * 20,
      noFirstResponse: rnd() < 0.3,
      priority: (["P1", "P2", "P3", "P4"] as const)[Math.floor(rnd() * 4)] ?? "P3",
      categorySlowness: 0.3 + rnd(),
      assigneeOpen: Math.floor(rnd() * 20),
      reopenedCount: 0,
      pendingHours: rnd() * 5,
      sentiment: rnd() < 0.2 ? -2 : 0.5,
    };
    const z =
      -3 +
      4 * x.fractionUsed +
      (x.noFirstResponse ? 1.5 : 0) +
      (x.sentiment && x.sentiment < 0 ? 1.2 : 0);
    return { x, y: rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0 };
  };

  it("learns the pattern well past the 0.6 AUC bar and explains with its contributions", () => {
    const train = Array.from({ length: 1500 }, sample);
    const test = Array.from({ length: 500 }, sample);
    const model = trainLogistic(
      train.map((s) => riskFeatures(s.x)),
      train.map((s) => s.y),
      { iterations: 400 },
    );
    const score = auc(
      test.map((s) => predictLogistic(model, riskFeatures(s.x)).p),
      test.map((s) => s.y),
    );
    expect(score).toBeGreaterThan(0.7);
    const r = modelRisk(model, {
      ...calm,
      fractionUsed: 0.95,
      hoursLeft: 1,
      noFirstResponse: true,
    });
    expect(r.probability).toBeGreaterThan(p({ fractionUsed: 0.1 }));
    expect(r.factors.map((f) => f.key)).toContain("used");
    expect(modelRisk(model, { ...calm, hoursLeft: -1 }).probability).toBe(1);
  });
});

describe("which run results are written to the ticket", () => {
  const due = "2026-12-01T12:00:00.000Z";
  const prev = { p: 0.42, top: "used", due, breached: false };
  const next = { p: 0.42, top: "used", due, used: 0.5 };
  it("skips a result that did not move", () => {
    expect(predictionMoved(prev, next)).toBe(false);
    expect(predictionMoved(prev, { ...next, p: 0.4299 })).toBe(false);
    expect(predictionMoved(prev, { ...next, due: "2026-12-01T12:00:30.000Z" })).toBe(false);
  });
  it("writes the first score, a move of a point, a new top factor, a later due time, a breach", () => {
    expect(predictionMoved({ ...prev, p: null }, next)).toBe(true);
    expect(predictionMoved(prev, { ...next, p: 0.43 })).toBe(true);
    expect(predictionMoved(prev, { ...next, p: 0.41 })).toBe(true);
    expect(predictionMoved(prev, { ...next, top: "noResponse" })).toBe(true);
    expect(predictionMoved(prev, { ...next, due: "2026-12-01T12:05:00.000Z" })).toBe(true);
    expect(predictionMoved(prev, { ...next, used: 1 })).toBe(true);
    expect(predictionMoved({ ...prev, breached: true }, { ...next, used: 1.2 })).toBe(false);
  });
  it("writes any crossing of a threshold something acts on, however small", () => {
    for (const th of [0.5, 0.7, 0.8]) {
      expect(predictionMoved({ ...prev, p: th - 0.001 }, { ...next, p: th })).toBe(true);
      expect(predictionMoved({ ...prev, p: th }, { ...next, p: th - 0.001 })).toBe(true);
    }
  });
});

describe("topFactorKey", () => {
  it("names the factor explainRisk lists first, for the heuristic and a model", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const model = {
      bias: -1,
      means: FEATURE_KEYS.map(() => 0.5),
      scales: FEATURE_KEYS.map(() => 1),
      weights: FEATURE_KEYS.map((_, i) => (i % 3) - 0.5),
    };
    for (let i = 0; i < 500; i++) {
      const x: RiskInput = {
        fractionUsed: rnd() * 1.5,
        hoursLeft: rnd() * 40 - 2,
        noFirstResponse: rnd() < 0.5,
        priority: (["P1", "P2", "P3", "P4"] as const)[Math.floor(rnd() * 4)] ?? "P3",
        categorySlowness: rnd() * 2,
        assigneeOpen: rnd() < 0.2 ? null : Math.floor(rnd() * 30),
        reopenedCount: Math.floor(rnd() * 3),
        pendingHours: rnd() * 10,
        sentiment: rnd() < 0.5 ? null : rnd() * 4 - 2,
      };
      for (const m of [null, model]) {
        const score = scoreRisk(m, x);
        expect(topFactorKey(score)).toBe(explainRisk(x, score)[0]?.key ?? null);
      }
    }
  });
});

describe("factors read at the viewer's moment (factorsAt)", () => {
  const scored = [
    { key: "used", label: "98% of the SLA used", weight: 0.5 },
    { key: "left", label: "10 min left", weight: 0.3 },
    { key: "noResponse", label: "No first response yet", weight: 0.1 },
    { key: "unassigned", label: "Nobody assigned", weight: 0.05 },
    { key: "priority", label: "Priority P1", weight: 0.04 },
  ];
  const facts = {
    fractionUsed: 1.01,
    remainingMinutes: -2,
    breached: true,
    paused: false,
    responded: false,
    assigned: false,
  };

  it("a breached ticket never reads '10 min left': the labels come from the clock now", () => {
    const f = factorsAt(scored, facts);
    expect(f.map((x) => x.label)).toEqual([
      "101% of the SLA used",
      "Past the resolution target",
      "No first response yet",
      "Nobody assigned",
      "Priority P1",
    ]);
    expect(f.map((x) => x.weight)).toEqual(scored.map((x) => x.weight));
  });

  it("a running ticket reads its time left now, and paused says so", () => {
    const running = { ...facts, fractionUsed: 0.9, remainingMinutes: 24, breached: false };
    expect(factorsAt(scored, running)[1]?.label).toBe("24 min left");
    expect(factorsAt(scored, { ...running, remainingMinutes: 150 })[1]?.label).toBe("2.5 h left");
    expect(factorsAt(scored, { ...running, paused: true })[1]?.label).toBe(
      "24 min left (clock paused)",
    );
  });

  it("drops 'No first response yet' and 'Nobody assigned' once they are no longer so", () => {
    const keys = factorsAt(scored, { ...facts, responded: true, assigned: true }).map((x) => x.key);
    expect(keys).toEqual(["used", "left", "priority"]);
  });
});
