import { describe, expect, it } from "vitest";
import { arrivals, nextSelection, outsideView, toPing } from "./noc-queue-nav";

const rows = ["a", "b", "c"].map((id) => ({ id }));

describe("nextSelection", () => {
  it("moves to the row below, or above from the last row", () => {
    expect(nextSelection(rows, "a")).toBe("b");
    expect(nextSelection(rows, "b")).toBe("c");
    expect(nextSelection(rows, "c")).toBe("b");
  });
  it("selects nothing once the only row is gone, and the first row for an unknown id", () => {
    expect(nextSelection([{ id: "a" }], "a")).toBeNull();
    expect(nextSelection(rows, "zz")).toBe("a");
    expect(nextSelection([], "a")).toBeNull();
  });
  it("stays on an alert that remains in the queue when there is nothing below it", () => {
    expect(nextSelection(rows, "a", true)).toBe("b");
    expect(nextSelection(rows, "c", true)).toBe("c");
    expect(nextSelection([{ id: "a" }], "a", true)).toBe("a");
  });
});

describe("arrivals", () => {
  const since = Date.parse("2026-12-03T12:00:00Z");
  it("counts only unknown rows first seen since the page looked (with slack)", () => {
    const list = [
      { id: "old-known", firstSeenAt: "2026-12-03T12:05:00Z" },
      { id: "new", firstSeenAt: new Date("2026-12-03T12:05:00Z") },
      { id: "moved-up", firstSeenAt: "2026-12-03T09:00:00Z" },
      { id: "skewed", firstSeenAt: "2026-12-03T11:59:00Z" },
    ];
    expect(arrivals(list, new Set(["old-known"]), since)).toEqual(["new", "skewed"]);
  });
});

describe("outsideView", () => {
  it("splits the rows wholly above and below the band; partly visible ones are seen", () => {
    const boxes = [
      { id: "above", top: 0, bottom: 40 },
      { id: "edge", top: 80, bottom: 120 },
      { id: "in", top: 200, bottom: 240 },
      { id: "below", top: 500, bottom: 540 },
      { id: "below2", top: 540, bottom: 580 },
    ];
    expect(outsideView(boxes, { top: 100, bottom: 500 })).toEqual({
      above: ["above"],
      below: ["below", "below2"],
    });
    expect(outsideView([], { top: 0, bottom: 10 })).toEqual({ above: [], below: [] });
  });
});

describe("toPing", () => {
  it("rings once for each arrival scored 80 or more", () => {
    const list = [
      { id: "a", score: 92 },
      { id: "b", score: 80 },
      { id: "c", score: 79 },
      { id: "d", score: null },
      { id: "e", score: 95 },
    ];
    expect(toPing(list, new Set(["a", "b", "c", "d"]), new Set(["a"]))).toEqual(["b"]);
  });
});
