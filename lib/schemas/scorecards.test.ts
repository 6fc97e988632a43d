import { describe, expect, it } from "vitest";
import { redAtRule, scorecardTargetForm, scorecardTargetInput } from "./scorecards";

const issues = (r: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => r.error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

describe("scorecard target form", () => {
  it("puts red on the KPI's bad side: below for higher-is-better, above for lower-is-better", () => {
    const sla = scorecardTargetForm("sla_met_pct");
    expect(sla.safeParse({ target: 95, redAt: 90 }).success).toBe(true);
    expect(sla.safeParse({ target: 95, redAt: 95 }).success).toBe(true);
    expect(issues(sla.safeParse({ target: 90, redAt: 95 }))).toEqual([
      { path: "redAt", message: "Red must be at or below the target for this KPI" },
    ]);
    const backlog = scorecardTargetForm("wo_backlog_open");
    expect(backlog.safeParse({ target: 10, redAt: 20 }).success).toBe(true);
    expect(issues(backlog.safeParse({ target: 15, redAt: 12 }))).toEqual([
      { path: "redAt", message: redAtRule("wo_backlog_open") },
    ]);
  });

  it("names each blank or out-of-range number", () => {
    const form = scorecardTargetForm("sla_met_pct");
    expect(issues(form.safeParse({ target: null, redAt: -1 }))).toEqual([
      { path: "target", message: "Enter a number" },
      { path: "redAt", message: "Thresholds are not negative" },
    ]);
    expect(issues(form.safeParse({ target: 200_000, redAt: 1 }))).toEqual([
      { path: "target", message: "At most 100000" },
    ]);
  });

  it("the procedure's input takes the same numbers", () => {
    const base = { clientId: "8d7f4f2e-4a57-4b8e-9d0e-0f4b2f6a1c11", kpi: "sla_met_pct" };
    expect(scorecardTargetInput.safeParse({ ...base, target: 98, redAt: 93 }).success).toBe(true);
    expect(issues(scorecardTargetInput.safeParse({ ...base, target: -1, redAt: 93 }))).toEqual([
      { path: "target", message: "Targets are not negative" },
    ]);
  });
});
