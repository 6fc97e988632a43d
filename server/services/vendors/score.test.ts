import { describe, expect, it } from "vitest";
import {
  componentScores,
  overallScore,
  rankVendors,
  ratingToScore,
  scoreVendor,
  shrink,
  tenantMeans,
  timePerformance,
  uncertainty,
  WEIGHTS,
  type VendorAggregate,
  type VendorRow,
} from "./score";

const agg = (over: Partial<VendorAggregate> = {}): VendorAggregate => ({
  orders: 10,
  onTime: 10,
  timePerfSum: 1000,
  ratingSum: 50,
  ratedOrders: 10,
  reworked: 0,
  ...over,
});
const row = (
  vendorId: string,
  over: Partial<VendorAggregate> = {},
  name = vendorId,
): VendorRow => ({
  vendorId,
  name,
  ...agg(over),
});

describe("components", () => {
  it("weighs SLA 40 %, time 30 %, quality 20 %, rework 10 %", () => {
    expect(WEIGHTS).toEqual({ sla: 0.4, time: 0.3, quality: 0.2, rework: 0.1 });
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it("scores time at 100 up to the estimate, then estimate / actual", () => {
    expect(timePerformance(4, 3)).toBe(100);
    expect(timePerformance(4, 4)).toBe(100);
    expect(timePerformance(4, 8)).toBe(50);
    expect(timePerformance(2, 6)).toBeCloseTo(33.33, 2);
    expect(timePerformance(0, 5)).toBe(100);
    expect(timePerformance(4, 0)).toBe(100);
  });

  it("maps ratings 1–5 linearly to 0–100", () => {
    expect(ratingToScore(1)).toBe(0);
    expect(ratingToScore(3)).toBe(50);
    expect(ratingToScore(5)).toBe(100);
    expect(ratingToScore(4.2)).toBeCloseTo(80);
  });

  it("computes each component from the sums", () => {
    const c = componentScores(
      agg({
        orders: 8,
        onTime: 6,
        timePerfSum: 8 * 75,
        ratingSum: 4 * 4,
        ratedOrders: 4,
        reworked: 2,
      }),
    );
    expect(c).toEqual({ sla: 75, time: 75, quality: 75, rework: 75 });
  });

  it("uses the due and timed counts when given", () => {
    const c = componentScores(
      agg({ orders: 10, onTime: 3, dueOrders: 4, timePerfSum: 180, timedOrders: 2 }),
    );
    expect(c.sla).toBe(75);
    expect(c.time).toBe(90);
  });

  it("gives null where the vendor has no data", () => {
    const c = componentScores(agg({ ratingSum: 0, ratedOrders: 0 }));
    expect(c.quality).toBeNull();
    expect(componentScores(agg({ orders: 0, onTime: 0, timePerfSum: 0, ratedOrders: 0 }))).toEqual({
      sla: null,
      time: null,
      quality: null,
      rework: null,
    });
  });

  it("adds up the overall score and drops components nobody has data for", () => {
    expect(overallScore({ sla: 100, time: 100, quality: 100, rework: 100 })).toBeCloseTo(100);
    expect(overallScore({ sla: 50, time: 100, quality: 0, rework: 100 })).toBeCloseTo(
      20 + 30 + 0 + 10,
    );
    expect(overallScore({ sla: 80, time: 80, quality: null, rework: 80 })).toBeCloseTo(80);
    expect(overallScore({ sla: null, time: null, quality: null, rework: null })).toBeNull();
  });
});

describe("shrinkage", () => {
  it("pulls small samples toward the tenant mean", () => {
    expect(shrink(100, 0, 60)).toBe(60);
    expect(shrink(100, 5, 60)).toBe(80);
    expect(shrink(100, 95, 60)).toBe(98);
    expect(shrink(100, 5, 60, 0)).toBe(100);
  });

  it("pools the tenant mean over orders, not vendors", () => {
    const m = tenantMeans([agg({ orders: 1, onTime: 0 }), agg({ orders: 9, onTime: 9 })]);
    expect(m.sla).toBe(90);
  });

  it("keeps three lucky jobs from beating a strong long record", () => {
    const lucky = agg({ orders: 3, onTime: 3, timePerfSum: 300, ratingSum: 15, ratedOrders: 3 });
    const steady = agg({
      orders: 60,
      onTime: 57,
      timePerfSum: 60 * 95,
      ratingSum: 60 * 4.8,
      ratedOrders: 60,
      reworked: 1,
    });
    const weak = agg({
      orders: 40,
      onTime: 20,
      timePerfSum: 40 * 60,
      ratingSum: 40 * 3,
      ratedOrders: 40,
      reworked: 8,
    });
    const means = tenantMeans([lucky, steady, weak]);
    const l = scoreVendor(lucky, means);
    const s = scoreVendor(steady, means);
    expect(l.rawOverall).toBe(100);
    expect(l.overall ?? 0).toBeLessThan(s.overall ?? 0);
    expect(l.unreliable).toBe(true);
    expect(s.unreliable).toBe(false);
    expect(l.uncertainty).toBeGreaterThan(s.uncertainty);
  });

  it("falls back to the tenant mean for a missing component and says so", () => {
    const means = { sla: 70, time: 80, quality: 60, rework: 90 };
    const s = scoreVendor(agg({ ratingSum: 0, ratedOrders: 0 }), means);
    expect(s.missing).toEqual(["quality"]);
    expect(s.components.quality).toBe(60);
    expect(s.raw.quality).toBeNull();
  });

  it("leaves a component out when neither vendor nor tenant has data", () => {
    const means = { sla: 100, time: 100, quality: null, rework: 100 };
    const s = scoreVendor(agg({ ratingSum: 0, ratedOrders: 0 }), means);
    expect(s.components.quality).toBeNull();
    expect(s.overall).toBe(100);
  });

  it("gives a band that narrows with more orders and stays within 0–100", () => {
    expect(uncertainty(0)).toBeCloseTo(43.8, 1);
    expect(uncertainty(5)).toBeCloseTo(31, 0);
    expect(uncertainty(100)).toBeCloseTo(9.6, 1);
    const means = { sla: 100, time: 100, quality: 100, rework: 100 };
    const s = scoreVendor(agg(), means);
    expect(s.high).toBe(100);
    expect(s.low).toBeCloseTo(100 - s.uncertainty, 1);
  });

  it("marks fewer than 5 orders unreliable", () => {
    const means = tenantMeans([agg()]);
    expect(
      scoreVendor(
        agg({ orders: 4, onTime: 4, timePerfSum: 400, ratedOrders: 4, ratingSum: 20 }),
        means,
      ).unreliable,
    ).toBe(true);
    expect(
      scoreVendor(
        agg({ orders: 5, onTime: 5, timePerfSum: 500, ratedOrders: 5, ratingSum: 25 }),
        means,
      ).unreliable,
    ).toBe(false);
  });
});

describe("rankings", () => {
  const good = { onTime: 10, timePerfSum: 1000, ratingSum: 50, ratedOrders: 10 };
  const poor = { onTime: 2, timePerfSum: 500, ratingSum: 20, ratedOrders: 10, reworked: 3 };

  it("ranks best first and shares the rank on ties", () => {
    const ranked = rankVendors([row("c", poor), row("a", good), row("b", good)]);
    expect(ranked.map((r) => [r.vendorId, r.rank])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 3],
    ]);
  });

  it("breaks ties by orders then name in the order shown", () => {
    // Every record perfect: the tenant mean is 100, so shrinkage changes nothing and all tie.
    const perfect = (n: number) => ({
      orders: n,
      onTime: n,
      timePerfSum: 100 * n,
      ratingSum: 5 * n,
      ratedOrders: n,
    });
    const ranked = rankVendors([
      row("z", perfect(3), "Zed"),
      row("x", perfect(3), "Ab"),
      row("y", perfect(20), "Ya"),
    ]);
    expect(ranked.map((r) => [r.vendorId, r.rank])).toEqual([
      ["y", 1],
      ["x", 1],
      ["z", 1],
    ]);
  });

  it("ranks a larger perfect record above a smaller one", () => {
    const ranked = rankVendors([
      row("small", {
        ...good,
        orders: 3,
        onTime: 3,
        timePerfSum: 300,
        ratingSum: 15,
        ratedOrders: 3,
      }),
      row("big", good),
      row("w", poor),
    ]);
    expect(ranked.map((r) => r.vendorId)).toEqual(["big", "small", "w"]);
    expect(ranked[0]?.rank).toBe(1);
    expect(ranked[1]?.rank).toBe(2);
  });

  it("leaves out vendors without a completed order", () => {
    const ranked = rankVendors([
      row("a", good),
      row("idle", { orders: 0, onTime: 0, timePerfSum: 0, ratedOrders: 0, ratingSum: 0 }),
    ]);
    expect(ranked.map((r) => r.vendorId)).toEqual(["a"]);
  });

  it("reports the change against the previous period", () => {
    const previous = [row("a", poor), row("b", good)];
    const current = [row("a", good), row("b", poor), row("new", good)];
    const ranked = rankVendors(current, previous);
    const a = ranked.find((r) => r.vendorId === "a");
    const b = ranked.find((r) => r.vendorId === "b");
    expect(a?.change).toMatchObject({ previousRank: 2, rank: 1 });
    expect(a?.change?.score ?? 0).toBeGreaterThan(0);
    expect(b?.change).toMatchObject({ previousRank: 1, rank: -2 });
    expect(ranked.find((r) => r.vendorId === "new")?.change).toBeNull();
  });

  it("has no change without a previous period", () => {
    expect(rankVendors([row("a", good)]).every((r) => r.change === null)).toBe(true);
  });
});
