import { describe, expect, it } from "vitest";
import {
  RISK_FIRST_ROWS,
  RISK_LIMIT,
  rowsFromSearch,
  slaFiltersFromSearch,
  slaSearch,
} from "./search-params";

describe("the SLA page's URL", () => {
  it("lists the first rows unless asked for all, and keeps the ask through a round trip", () => {
    expect(rowsFromSearch({})).toBe(RISK_FIRST_ROWS);
    expect(rowsFromSearch({ rows: "all" })).toBe(RISK_LIMIT);
    expect(rowsFromSearch({ rows: "100000" })).toBe(RISK_FIRST_ROWS);
    expect(rowsFromSearch({ rows: ["all", "all"] })).toBe(RISK_FIRST_ROWS);
    const search = slaSearch({ sort: "timeLeft", dir: "asc", priority: "P1" }, null, RISK_LIMIT);
    const params = Object.fromEntries(new URLSearchParams(search));
    expect(rowsFromSearch(params)).toBe(RISK_LIMIT);
    expect(slaFiltersFromSearch(params)).toEqual({ sort: "timeLeft", dir: "asc", priority: "P1" });
    expect(slaSearch({}, null)).toBe("");
    expect(slaSearch({}, null, RISK_FIRST_ROWS)).toBe("");
  });
});
