import { describe, expect, it } from "vitest";
import { type AlertHit, alertActions, siteTargets } from "./actions";

const alert: AlertHit = {
  id: "a1",
  title: "Gate forced",
  severity: "high",
  status: "new",
  escalated: false,
  siteName: "HQ",
  clientName: "Acme",
};
const kinds = (a: { kind: string }[]) => a.map((x) => x.kind);

describe("palette actions", () => {
  it("offer an operator open, acknowledge and escalate on a new alert", () => {
    expect(kinds(alertActions("noc_operator", alert))).toEqual(["open", "acknowledge", "escalate"]);
    expect(alertActions("noc_operator", alert)[0]).toMatchObject({ href: "/noc?alert=a1" });
  });

  it("drop what no longer applies: acknowledge once acknowledged, escalate once escalated", () => {
    const worked = { ...alert, status: "acknowledged" as const, escalated: true };
    expect(kinds(alertActions("noc_operator", worked))).toEqual(["open"]);
  });

  it("never offer escalation to a role that may not triage (a specialist)", () => {
    expect(kinds(alertActions("specialist", alert))).toEqual(["open", "acknowledge"]);
  });

  it("take a site to the pages the role may open, filtered to it", () => {
    const site = { id: "s1", name: "HQ", clientName: "Acme" };
    expect(siteTargets("noc_operator", site).map((t) => t.href)).toEqual([
      "/noc?site=s1",
      "/sla?site=s1",
    ]);
    expect(siteTargets("site_manager", site).map((t) => t.href)).toEqual([
      "/sla?site=s1",
      "/shifts?site=s1",
    ]);
  });
});
