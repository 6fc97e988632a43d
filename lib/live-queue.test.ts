import { describe, expect, it } from "vitest";
import { type PatchableRow, patchQueue, queueOrder, rowMatches } from "./live-queue";

let n = 0;
const row = (over: Partial<PatchableRow> = {}): PatchableRow => ({
  id: `a${++n}`,
  type: "INTRUSION",
  severity: "high",
  status: "new",
  score: 50,
  firstSeenAt: new Date("2026-11-29T10:00:00Z"),
  suppressed: false,
  clientId: "c1",
  siteId: "s1",
  assignedGroupId: null,
  assignedUserId: null,
  ...over,
});
const ids = (rs: PatchableRow[]) => rs.map((r) => r.id);

describe("rowMatches", () => {
  it("follows each filter as the server's query does", () => {
    const r = row({ status: "acknowledged", assignedGroupId: "g1", assignedUserId: "u1" });
    expect(rowMatches(r, { limit: 200 }, null)).toBe(true);
    expect(rowMatches(row({ status: "resolved" }), { limit: 200 }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, status: "acknowledged" }, null)).toBe(true);
    expect(rowMatches(r, { limit: 200, status: "new" }, null)).toBe(false);
    expect(rowMatches(row({ suppressed: true }), { limit: 200 }, null)).toBe(false);
    expect(rowMatches(row({ suppressed: true }), { limit: 200, suppressed: true }, null)).toBe(
      true,
    );
    expect(rowMatches(r, { limit: 200, suppressed: true }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, type: "FIRE_ALARM" }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, severity: "high" }, null)).toBe(true);
    expect(rowMatches(r, { limit: 200, severity: "low" }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, clientId: "c2" }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, siteId: "s1" }, null)).toBe(true);
    expect(rowMatches(r, { limit: 200, groupId: "g1" }, null)).toBe(true);
    expect(rowMatches(r, { limit: 200, groupId: "g2" }, null)).toBe(false);
    expect(rowMatches(r, { limit: 200, mine: true }, "u1")).toBe(true);
    expect(rowMatches(r, { limit: 200, mine: true }, "u2")).toBe(false);
  });

  it("cannot tell for a search (descriptions are not pushed) or for mine before the page knows who", () => {
    expect(rowMatches(row(), { limit: 200, q: "door" }, null)).toBeUndefined();
    expect(rowMatches(row(), { limit: 200, mine: true }, null)).toBeUndefined();
  });
});

describe("queueOrder", () => {
  it("puts unscored first, then the highest score, then the oldest", () => {
    const old = row({ score: 70, firstSeenAt: "2026-11-29T09:00:00Z" });
    const young = row({ score: 70, firstSeenAt: "2026-11-29T11:00:00Z" });
    const top = row({ score: 95 });
    const unscored = row({ score: null });
    expect(ids([young, top, old, unscored].sort(queueOrder))).toEqual(
      ids([unscored, top, old, young]),
    );
  });
});

describe("patchQueue", () => {
  const view = { limit: 3 };

  it("adds a new alert in its place, moves a rescored one and drops a resolved one", () => {
    const [a, b, c] = [row({ score: 90 }), row({ score: 60 }), row({ score: 30 })];
    const fresh = row({ score: 70 });
    let out = patchQueue([a, b], { rows: [fresh], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, fresh, b]));
    expect(out.refetch).toBe(false);
    out = patchQueue([a, b, c], { rows: [{ ...c, score: 99 }], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([c, a, b]));
    expect(out.list[0]?.score).toBe(99);
    out = patchQueue([a, b], { rows: [{ ...a, status: "resolved" }], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([b]));
    expect(out.refetch).toBe(false); // the page was not full: nothing lies beyond it
  });

  it("keeps a full page at its size and asks for the next row when one leaves", () => {
    const [a, b, c] = [row({ score: 90 }), row({ score: 60 }), row({ score: 30 })];
    let out = patchQueue([a, b, c], { rows: [row({ score: 10 })], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, b, c])); // below the page: not shown, no refetch
    expect(out.refetch).toBe(false);
    out = patchQueue([a, b, c], { rows: [row({ score: 80 })], gone: [] }, view, null);
    expect(out.list).toHaveLength(3);
    expect(out.list[2]?.id).toBe(b.id);
    out = patchQueue([a, b, c], { rows: [], gone: [b.id] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, c]));
    expect(out.refetch).toBe(true);
  });

  it("drops a row that no longer matches the page's filters, and takes one that now does", () => {
    const f = { limit: 10, groupId: "g1" };
    const mine = row({ assignedGroupId: "g1" });
    let out = patchQueue([mine], { rows: [{ ...mine, assignedGroupId: "g2" }], gone: [] }, f, null);
    expect(out.list).toEqual([]);
    const other = row({ assignedGroupId: null });
    out = patchQueue([], { rows: [{ ...other, assignedGroupId: "g1" }], gone: [] }, f, null);
    expect(ids(out.list)).toEqual([other.id]);
  });

  it("hands back the same list when nothing on it changed, and refetches a search", () => {
    const list = [row(), row()];
    const elsewhere = row({ clientId: "c9" });
    const same = patchQueue(
      list,
      { rows: [elsewhere], gone: ["nope"] },
      { limit: 5, clientId: "c1" },
      null,
    );
    expect(same.list).toBe(list);
    const search = patchQueue(list, { rows: [row()], gone: [] }, { limit: 5, q: "x" }, null);
    expect(search).toEqual({ list, refetch: true });
  });
});
