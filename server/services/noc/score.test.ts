import { describe, expect, it } from "vitest";
import {
  features,
  heuristicScore,
  isAfterHours,
  RELATED_COUNT_CAP,
  type ScoreInput,
  scoreWith,
} from "./score";
import { trainLogistic } from "../models/logistic";
import { ALERT_TYPES, SEVERITIES } from "@/lib/noc";
import { TIERS } from "@/lib/tiers";

const base: ScoreInput = {
  type: "DEVICE_OFFLINE",
  severity: "medium",
  siteCriticality: 3,
  clientTier: "silver",
  localHour: 10,
  localDay: 3,
  relatedLast24h: 0,
  occurrences: 1,
  deviceHealth: null,
  slaHoursLeft: null,
};
const points = (input: ScoreInput, key: string) =>
  heuristicScore(input).factors.find((f) => f.key === key)?.points ?? 0;

describe("heuristic priority score", () => {
  it("adds up its factors and lists them largest first", () => {
    const s = heuristicScore(base);
    expect(s.score).toBe(16 + 6 + 5 + 3);
    expect(s.factors.map((f) => f.key)).toEqual(["severity", "type", "site", "tier"]);
    expect(s.factors[0]?.label).toBe("Severity medium");
  });

  it("weighs each factor", () => {
    expect(points({ ...base, severity: "critical" }, "severity")).toBe(40);
    expect(points({ ...base, severity: "info" }, "severity")).toBe(0);
    expect(points({ ...base, type: "FIRE_ALARM" }, "type")).toBe(25);
    expect(points({ ...base, siteCriticality: 5 }, "site")).toBe(10);
    expect(points({ ...base, siteCriticality: 1 }, "site")).toBe(0);
    expect(points({ ...base, clientTier: "gold" }, "tier")).toBe(5);
    expect(points({ ...base, localHour: 23 }, "afterHours")).toBe(5);
    expect(points({ ...base, relatedLast24h: 3 }, "related")).toBe(6);
    expect(points({ ...base, relatedLast24h: 30 }, "related")).toBe(10);
    // triage counts at most RELATED_COUNT_CAP of them, and says so
    const label = (n: number) =>
      heuristicScore({ ...base, relatedLast24h: n }).factors.find((f) => f.key === "related")
        ?.label;
    expect(label(99)).toBe("99 related alerts at the site in 24 h");
    expect(label(RELATED_COUNT_CAP)).toBe(
      `${RELATED_COUNT_CAP}+ related alerts at the site in 24 h`,
    );
    expect(points({ ...base, occurrences: 3 }, "occurrences")).toBe(4);
    expect(points({ ...base, deviceHealth: 0 }, "device")).toBe(6);
    expect(points({ ...base, deviceHealth: 100 }, "device")).toBe(0);
    expect(points({ ...base, slaHoursLeft: -1 }, "sla")).toBe(8);
    expect(points({ ...base, slaHoursLeft: 0.5 }, "sla")).toBe(6);
    expect(points({ ...base, slaHoursLeft: 10 }, "sla")).toBe(0);
  });

  it("puts a night-time fire alarm at a critical gold site on top, capped at 100", () => {
    const s = heuristicScore({
      ...base,
      type: "FIRE_ALARM",
      severity: "critical",
      siteCriticality: 5,
      clientTier: "gold",
      localHour: 2,
      relatedLast24h: 8,
      occurrences: 5,
    });
    expect(s.score).toBe(100);
    expect(
      heuristicScore({
        ...base,
        type: "LOW_BATTERY",
        severity: "info",
        siteCriticality: 1,
        clientTier: "none",
      }).score,
    ).toBe(2);
  });

  it("shows factors whose whole points add up exactly to the score, heuristic and model alike", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const inputs = Array.from({ length: 400 }, (): ScoreInput => ({
      type: pick(ALERT_TYPES),
      severity: pick(SEVERITIES),
      siteCriticality: 1 + Math.floor(next() * 5),
      clientTier: pick(TIERS),
      localHour: Math.floor(next() * 24),
      localDay: Math.floor(next() * 7),
      relatedLast24h: Math.floor(next() * 12),
      occurrences: 1 + Math.floor(next() * 8),
      deviceHealth: next() < 0.5 ? null : next() * 100,
      slaHoursLeft: next() < 0.5 ? null : next() * 10 - 1,
    }));
    const model = trainLogistic(
      inputs.map(features),
      inputs.map((i) => (i.severity === "critical" || i.localHour < 7 ? 1 : 0)),
    );
    for (const input of inputs) {
      for (const s of [scoreWith(null, input), scoreWith({ version: 1, model }, input)]) {
        const sum = s.factors.reduce((t, f) => t + f.points, 0);
        expect(sum, `${s.scoredBy} ${JSON.stringify(input)}`).toBe(s.score);
        expect(s.factors.every((f) => Number.isInteger(f.points) && f.points > 0)).toBe(true);
      }
    }
  });

  it("knows after hours and weekends", () => {
    expect(isAfterHours(6, 2)).toBe(true);
    expect(isAfterHours(7, 2)).toBe(false);
    expect(isAfterHours(18, 2)).toBe(false);
    expect(isAfterHours(19, 2)).toBe(true);
    expect(isAfterHours(12, 0)).toBe(true);
    expect(isAfterHours(12, 6)).toBe(true);
  });

  it("turns the same signals into model features between 0 and 1", () => {
    const x = features({ ...base, severity: "critical", deviceHealth: 40, slaHoursLeft: 2 });
    expect(x).toHaveLength(9);
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(x[0]).toBe(1);
  });
});
