import { describe, expect, it } from "vitest";
import { boardOrder, NO_LOAD, pageOf, type SiteLoad } from "./board-order";

const site = (id: string, compliance = true) => ({ id, compliance });
const load = (l: Partial<SiteLoad>): SiteLoad => ({ ...NO_LOAD, ...l });

describe("the board's order of sites", () => {
  it("puts sites needing attention first (most first), then busy, then quiet, then locked", () => {
    const sites = [site("a"), site("b", false), site("c"), site("d"), site("e"), site("f")];
    const loads = new Map([
      ["a", load({ shifts: 4 })],
      ["b", load({ shifts: 9, attention: 9 })], // locked: its states do not count
      ["c", load({ shifts: 2, attention: 1 })],
      ["e", load({ shifts: 5, attention: 2 })],
      ["f", load({ rounds: 2, missed: 1 })],
    ]);
    expect(boardOrder(sites, loads).map((s) => s.id)).toEqual(["e", "c", "f", "a", "d", "b"]);
  });

  it("keeps the given order (client, site name) within a rank", () => {
    const sites = [site("a"), site("b"), site("c")];
    const busy = load({ shifts: 1 });
    const loads = new Map([
      ["a", busy],
      ["b", busy],
      ["c", busy],
    ]);
    expect(boardOrder(sites, loads).map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(boardOrder(sites, new Map()).map((s) => s.id)).toEqual(["a", "b", "c"]);
  });
});

describe("a page of sites", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);

  it("cuts the pages and says where it is", () => {
    expect(pageOf(items, 1, 10)).toEqual({
      items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      page: { index: 1, pages: 3, perPage: 10, total: 23 },
    });
    expect(pageOf(items, 3, 10).items).toEqual([20, 21, 22]);
  });

  it("shows the last page for one past the end, and one empty page for nothing", () => {
    expect(pageOf(items, 9, 10).page.index).toBe(3);
    expect(pageOf(items, 9, 10).items).toEqual([20, 21, 22]);
    expect(pageOf([], 2, 10)).toEqual({
      items: [],
      page: { index: 1, pages: 1, perPage: 10, total: 0 },
    });
  });
});
