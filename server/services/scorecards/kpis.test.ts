import { describe, expect, it } from "vitest";
import type { KpiResult } from "@/lib/scorecards";
import {
  buildKpi,
  contentHash,
  countMeasure,
  defaultTarget,
  median,
  monthBounds,
  notTracked,
  overallRag,
  pctMeasure,
  previousMonth,
  rag,
  sentimentScore,
  summarize,
  topBottom,
  trend,
  validTarget,
} from "./kpis";

describe("formulas", () => {
  it("a percentage with nothing to measure says so instead of 0 %", () => {
    expect(pctMeasure(0, 0, "no tickets resolved")).toEqual({
      status: "no_data",
      note: "no tickets resolved",
      inputs: { total: 0 },
    });
  });
  it("percentages at the edges, rounded to one decimal", () => {
    expect(pctMeasure(0, 3, "x")).toMatchObject({ status: "ok", value: 0 });
    expect(pctMeasure(3, 3, "x")).toMatchObject({ status: "ok", value: 100 });
    expect(pctMeasure(2, 3, "x")).toMatchObject({ value: 66.7, inputs: { met: 2, total: 3 } });
    expect(pctMeasure(5, 3, "x")).toMatchObject({ value: 100 });
  });
  it("median of odd, even and empty lists", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("sentiment maps the AFINN comparative -5..5 onto 0..100 with 50 neutral", () => {
    expect(sentimentScore(0)).toBe(50);
    expect(sentimentScore(-5)).toBe(0);
    expect(sentimentScore(-9)).toBe(0);
    expect(sentimentScore(5)).toBe(100);
    expect(sentimentScore(0.37)).toBe(53.7);
  });
  it("a KPI whose module is not built has no value and no colour", () => {
    const k = buildKpi(
      "attendance_pct",
      notTracked("no shifts scheduled"),
      90,
      defaultTarget("attendance_pct"),
    );
    expect(k).toMatchObject({
      value: null,
      status: "not_tracked",
      rag: "none",
      delta: null,
      good: null,
    });
    expect(k.note).toContain("no shifts scheduled");
  });
});

describe("trend", () => {
  it("has no direction without a previous month", () => {
    expect(trend("sla_met_pct", 90, null)).toEqual({ delta: null, direction: null, good: null });
  });
  it("flat below a tenth", () => {
    expect(trend("sla_met_pct", 90.04, 90)).toEqual({ delta: 0, direction: "flat", good: null });
  });
  it("up is good for higher-is-better, bad for lower-is-better", () => {
    expect(trend("sla_met_pct", 95, 90)).toEqual({ delta: 5, direction: "up", good: true });
    expect(trend("sla_met_pct", 85, 90)).toEqual({ delta: -5, direction: "down", good: false });
    expect(trend("geofence_violations", 9, 2)).toEqual({ delta: 7, direction: "up", good: false });
    expect(trend("incident_response_minutes", 4, 8)).toMatchObject({
      direction: "down",
      good: true,
    });
  });
});

describe("RAG", () => {
  const t = { target: 95, redAt: 90 };
  it("higher is better: green at the target, red at redAt, amber between", () => {
    expect(rag("sla_met_pct", 95, t)).toBe("green");
    expect(rag("sla_met_pct", 94.9, t)).toBe("amber");
    expect(rag("sla_met_pct", 90.1, t)).toBe("amber");
    expect(rag("sla_met_pct", 90, t)).toBe("red");
    expect(rag("sla_met_pct", null, t)).toBe("none");
  });
  it("lower is better: green at or under the target, red at or over redAt", () => {
    const c = { target: 0, redAt: 3 };
    expect(rag("critical_security_events", 0, c)).toBe("green");
    expect(rag("critical_security_events", 2, c)).toBe("amber");
    expect(rag("critical_security_events", 3, c)).toBe("red");
  });
  it("a target equal to redAt has no amber", () => {
    expect(rag("sla_met_pct", 94, { target: 95, redAt: 95 })).toBe("red");
  });
  it("validates that redAt lies on the bad side", () => {
    expect(validTarget("sla_met_pct", { target: 95, redAt: 90 })).toBe(true);
    expect(validTarget("sla_met_pct", { target: 90, redAt: 95 })).toBe(false);
    expect(validTarget("wo_backlog_open", { target: 10, redAt: 5 })).toBe(false);
    expect(validTarget("wo_backlog_open", { target: Number.NaN, redAt: 5 })).toBe(false);
  });
  it("overall is the worst colour present", () => {
    expect(overallRag([{ rag: "green" }, { rag: "none" }, { rag: "amber" }])).toBe("amber");
    expect(overallRag([{ rag: "green" }, { rag: "red" }])).toBe("red");
    expect(overallRag([{ rag: "none" }])).toBe("none");
    expect(overallRag([])).toBe("none");
  });
});

describe("top and bottom vendors", () => {
  const v = (name: string, score: number) => ({ vendorId: name, name, score, orders: 5 });
  it("never lists a vendor on both sides", () => {
    const r = topBottom([v("a", 90), v("b", 80), v("c", 70), v("d", 60)]);
    expect(r.top.map((x) => x.name)).toEqual(["a", "b", "c"]);
    expect(r.bottom.map((x) => x.name)).toEqual(["d"]);
  });
  it("orders ties by name", () => {
    const r = topBottom([v("z", 50), v("a", 50)], 1);
    expect(r.top.map((x) => x.name)).toEqual(["a"]);
    expect(r.bottom.map((x) => x.name)).toEqual(["z"]);
  });
});

describe("what changed", () => {
  const k = (
    key: KpiResult["key"],
    value: number,
    previous: number | null,
    driver: KpiResult["driver"] = null,
  ) => buildKpi(key, countMeasure(value, {}, driver), previous, defaultTarget(key));
  it("leads with the largest movement in amber-band widths and names its driver when it went badly", () => {
    const lines = summarize([
      buildKpi("sla_met_pct", pctMeasure(80, 100, "x", {}, null), 86, defaultTarget("sla_met_pct")),
      k("geofence_violations", 9, 2, {
        label: "Meridian Mall Atlanta",
        count: 6,
        of: 9,
        what: "violations",
      }),
      k("wo_backlog_open", 11, 10),
    ]);
    expect(lines[0]).toBe(
      "Geofence violations rose from 2 to 9, driven by violations at Meridian Mall Atlanta (6 of 9).",
    );
    expect(lines[1]).toBe("SLA performance fell 6 pts to 80 %.");
    expect(lines[2]).toBe("Work order backlog rose from 10 to 11.");
    expect(lines[3]).toBe("Below contract: SLA performance, Geofence violations.");
  });
  it("is deterministic whatever the input order, and ties go to the KPI order", () => {
    const a = k("geofence_violations", 5, 2);
    const b = k("critical_security_events", 3, 0);
    expect(summarize([a, b])).toEqual(summarize([b, a]));
    expect(summarize([b, a])[0]).toMatch(/^Geofence/);
  });
  it("says when nothing moved, and when there is no previous month", () => {
    expect(summarize([k("wo_backlog_open", 3, 3)])).toEqual([
      "No KPI moved since the previous month.",
    ]);
    expect(summarize([k("wo_backlog_open", 3, null)])).toEqual([
      "First scorecard for this client: no previous month to compare.",
    ]);
  });
  it("does not blame a driver for a movement in the good direction", () => {
    const lines = summarize([
      k("geofence_violations", 1, 6, { label: "Site", count: 1, of: 1, what: "violations" }),
    ]);
    expect(lines[0]).toBe("Geofence violations fell from 6 to 1.");
  });
});

describe("content hash", () => {
  const kpi = buildKpi("wo_backlog_open", countMeasure(4), 3, defaultTarget("wo_backlog_open"));
  it("is equal for equal content whatever the key order", () => {
    const a = contentHash({ clientId: "c", month: "2026-10", kpis: [kpi], summary: ["x"] });
    const reordered = Object.fromEntries(Object.entries(kpi).reverse()) as KpiResult;
    const b = contentHash({ summary: ["x"], kpis: [reordered], month: "2026-10", clientId: "c" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
  it("changes with any number", () => {
    const a = contentHash({ clientId: "c", month: "2026-10", kpis: [kpi], summary: [] });
    const b = contentHash({
      clientId: "c",
      month: "2026-10",
      kpis: [{ ...kpi, value: 5 }],
      summary: [],
    });
    expect(a).not.toBe(b);
  });
});

describe("months", () => {
  it("bounds across a year end", () => {
    expect(monthBounds("2026-12")).toEqual({
      key: "2026-12-01",
      start: "2026-12-01T00:00:00Z",
      end: "2027-01-01T00:00:00Z",
    });
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(previousMonth("2026-10")).toBe("2026-09");
  });
});
