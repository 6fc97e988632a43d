import { describe, expect, it } from "vitest";
import { fuzzyFilter, fuzzyScore } from "./fuzzy";

describe("fuzzy matching", () => {
  it("matches characters in order, ignoring case and spaces", () => {
    expect(fuzzyScore("sla", "SLA risk")).not.toBeNull();
    expect(fuzzyScore("nocq", "NOC queue")).not.toBeNull();
    expect(fuzzyScore("qn", "NOC queue")).toBeNull();
    expect(fuzzyScore("", "anything")).toBe(0);
  });

  it("ranks word starts and runs above scattered letters", () => {
    const pages = ["Playbooks", "SLA policies", "Shifts", "SLA risk"];
    expect(fuzzyFilter(pages, "sla", (p) => p)).toEqual(["SLA policies", "SLA risk"]);
    expect(fuzzyFilter(pages, "sp", (p) => p)[0]).toBe("SLA policies");
    expect(fuzzyFilter(["Routing & maintenance", "Roster"], "ro", (p) => p)).toEqual([
      "Routing & maintenance",
      "Roster",
    ]);
  });

  it("keeps the given order for an empty query", () => {
    expect(fuzzyFilter(["b", "a"], " ", (p) => p)).toEqual(["b", "a"]);
  });
});
