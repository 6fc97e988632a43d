import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { boardFiltersFromSearch, boardInputs, boardSearch } from "./search-params";

// (collected by the integration project: the unit project does not look under app/)
describe("the shift board's URL", () => {
  it("takes a site only when it is a uuid, and the week view only by name", () => {
    const id = randomUUID();
    expect(boardFiltersFromSearch({})).toEqual({ view: "today" });
    expect(boardFiltersFromSearch({ site: id, view: "week" })).toEqual({
      siteId: id,
      view: "week",
    });
    for (const bad of ["-".repeat(36), `${id.slice(0, -1)}-`, "\u0000", ""])
      expect(boardFiltersFromSearch({ site: bad, view: "month" })).toEqual({ view: "today" });
    expect(boardFiltersFromSearch({ site: [id, id] })).toEqual({ view: "today" });
  });

  it("writes back what it reads, leaving the defaults out", () => {
    const id = randomUUID();
    expect(boardSearch({ view: "today" })).toBe("");
    expect(boardSearch({ siteId: id, view: "week" })).toBe(`?site=${id}&view=week`);
    expect(boardFiltersFromSearch(Object.fromEntries(new URLSearchParams(`site=${id}`)))).toEqual({
      siteId: id,
      view: "today",
    });
  });

  it("asks the procedures for the site chosen, or every site in scope", () => {
    const id = randomUUID();
    expect(boardInputs({ view: "today" })).toEqual({
      board: {},
      week: { days: 14 },
    });
    expect(boardInputs({ siteId: id, view: "week" }).week).toEqual({ siteId: id, days: 14 });
  });

  it("carries the page of sites beyond the first, and drops a page that does not parse", () => {
    const id = randomUUID();
    expect(boardFiltersFromSearch({ site: id, page: "3" })).toEqual({
      siteId: id,
      view: "today",
      page: 3,
    });
    for (const bad of ["1", "0", "-2", "2.5", "1e3", " 4", "x", "99999999"])
      expect(boardFiltersFromSearch({ page: bad })).toEqual({ view: "today" });
    expect(boardSearch({ view: "week", page: 2 })).toBe("?view=week&page=2");
    expect(boardSearch({ view: "today", page: 1 })).toBe("");
    expect(boardInputs({ view: "today", page: 4 })).toEqual({
      board: { page: 4 },
      week: { days: 14, page: 4 },
    });
  });
});
