import { describe, expect, it } from "vitest";
import { sectionTrend } from "./scorecard-data";

describe("a section's trend rows", () => {
  it("keeps the section's KPIs that have a value in some month, gaps as null", () => {
    const r = sectionTrend(
      [
        { month: "2026-09", kpis: [{ key: "sla_met_pct", value: 90 }] },
        {
          month: "2026-10",
          kpis: [
            { key: "sla_met_pct", value: null },
            { key: "attendance_pct", value: null },
          ],
        },
      ],
      "operational",
    );
    expect(r).toEqual([
      {
        unit: "pct",
        keys: ["sla_met_pct"],
        rows: [
          { label: "26-09", sla_met_pct: 90 },
          { label: "26-10", sla_met_pct: null },
        ],
      },
    ]);
  });

  it("never puts a percentage and a count on one axis", () => {
    const r = sectionTrend(
      [
        {
          month: "2026-10",
          kpis: [
            { key: "sla_met_pct", value: 91 },
            { key: "wo_backlog_open", value: 3 },
          ],
        },
      ],
      "operational",
    );
    expect(r.map((g) => [g.unit, g.keys])).toEqual([
      ["pct", ["sla_met_pct"]],
      ["count", ["wo_backlog_open"]],
    ]);
  });
});
