import { describe, expect, it } from "vitest";
import { featuresOf, tierIncludes, tiersWith } from "./tiers";

describe("plan tiers", () => {
  it("matches the platform.md table", () => {
    expect(tiersWith("alertTriage")).toEqual(["bronze", "silver", "gold"]);
    expect(tiersWith("slaBreachPrevention")).toEqual(["silver", "gold"]);
    expect(tiersWith("shiftCompliance")).toEqual(["silver", "gold"]);
    expect(tiersWith("vendorPerformance")).toEqual(["silver", "gold"]);
    expect(tiersWith("soarPlaybooks")).toEqual(["gold"]);
    expect(tiersWith("liveComplianceDashboards")).toEqual(["gold"]);
  });

  it("gives clients on none no tiered feature", () => {
    expect(featuresOf("none")).toEqual([]);
    expect(tierIncludes("none", "executiveScorecard")).toBe(false);
  });

  it("gives gold every feature", () => {
    expect(featuresOf("gold")).toHaveLength(10);
    expect(featuresOf("bronze")).toEqual([
      "alertTriage",
      "deviceFailureAlerts",
      "executiveScorecard",
    ]);
  });
});
