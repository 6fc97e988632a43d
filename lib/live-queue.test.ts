import { describe, expect, it } from "vitest";
import { type PatchableRow, patchQueue, queueOrder, rowMatches } from "./live-queue";

let n = 0;
const row = (over: Partial<PatchableRow> = {}): PatchableRow => ({
  id: `a${++n}`,
  type: "INTRUSION",
  severity: "high",
  status: "new",
  score: 50,
  scoredBy: "heuristic",
  firstSeenAt: new Date("2026-11-29T10:00:00Z"),
  suppressed: false,
  escalated: false,
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
    expect(rowMatches(r, { limit: 200, escalated: true }, null)).toBe(false);
    expect(rowMatches(row({ escalated: true }), { limit: 200, escalated: true }, null)).toBe(true);
  });

  it("cannot tell for a search (descriptions are not pushed) or for mine before the page knows who", () => {
    expect(rowMatches(row(), { limit: 200, q: "door" }, null)).toBeUndefined();
    expect(rowMatches(row(), { limit: 200, mine: true }, null)).toBeUndefined();
    expect(rowMatches(row(), { limit: 200, overdue: true }, null)).toBeUndefined();
  });
});

describe("queueOrder", () => {
  it("puts unscored first, then the highest score, then the oldest", () => {
    const old = row({ score: 70, firstSeenAt: "2026-11-29T09:00:00Z" });
    const young = row({ score: 70, firstSeenAt: "2026-11-29T11:00:00Z" });
    const top = row({ score: 95 });
    const unscored = row({ score: null, scoredBy: null });
    expect(ids([young, top, old, unscored].sort(queueOrder))).toEqual(
      ids([unscored, top, old, young]),
    );
  });

  it("ranks alerts without AI triage on their plan by severity and age, below scored criticals", () => {
    const at = (h: number) => `2026-11-29T${String(h).padStart(2, "0")}:00:00Z`;
    const noPlan = (severity: PatchableRow["severity"], h: number) =>
      row({ score: null, scoredBy: "not in plan", severity, firstSeenAt: at(h) });
    const pending = row({ score: null, scoredBy: null, severity: "low", firstSeenAt: at(12) });
    const scoredCritical = row({ score: 45, severity: "critical", firstSeenAt: at(12) });
    const scoredHigh = row({ score: 41, severity: "high", firstSeenAt: at(1) });
    const scoredMedium = row({ score: 40, severity: "medium", firstSeenAt: at(1) });
    const npCriticalOld = noPlan("critical", 2);
    const npCriticalNew = noPlan("critical", 9);
    const npHigh = noPlan("high", 1);
    const npLow = noPlan("low", 1);
    const scoredLow = row({ score: 10, severity: "low", firstSeenAt: at(12) });
    const expected = [
      pending,
      scoredCritical,
      scoredHigh,
      scoredMedium,
      npCriticalOld,
      npCriticalNew,
      npHigh,
      scoredLow,
      npLow,
    ];
    expect(ids([...expected].reverse().sort(queueOrder))).toEqual(ids(expected));
  });
});

describe("patchQueue", () => {
  // fetched 60, shows 10: a copy under 10 rows is the whole queue
  const view = { limit: 60 };

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
    out = patchQueue([a, b], { rows: [row({ score: 1 })], gone: [] }, view, null);
    expect(out.list).toHaveLength(3); // the whole queue: a low score still joins, at the end
    expect(out.refetch).toBe(false);
  });

  it("keeps a cut-short copy a true start of the queue, and refetches once it shows too few", () => {
    // limit 53 with 50 spare: the copy covers 3 rows; from 3 rows on it may be cut short
    const view = { limit: 53 };
    const [a, b, c] = [row({ score: 90 }), row({ score: 60 }), row({ score: 30 })];
    // lands after the last row: the server may hold rows between, so it stays out
    let out = patchQueue([a, b, c], { rows: [row({ score: 10 })], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, b, c]));
    expect(out.refetch).toBe(false);
    const d = row({ score: 80 });
    out = patchQueue([a, b, c], { rows: [d], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, d, b, c]));
    // one leaves: four rows still cover the three shown
    out = patchQueue(out.list, { rows: [{ ...d, status: "resolved" }], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, b, c]));
    expect(out.refetch).toBe(false);
    // below three: the next row is on the server only
    out = patchQueue(out.list, { rows: [], gone: [b.id] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, c]));
    expect(out.refetch).toBe(true);
    // the last row moving down leaves too: what lies past it is unknown
    out = patchQueue([a, b, c], { rows: [{ ...c, score: 5 }], gone: [] }, view, null);
    expect(ids(out.list)).toEqual(ids([a, b]));
    expect(out.refetch).toBe(true);
  });

  it("never holds more than it fetched", () => {
    const list = Array.from({ length: 53 }, (_, i) => row({ score: 99 - i }));
    const out = patchQueue(list, { rows: [row({ score: 100 })], gone: [] }, { limit: 53 }, null);
    expect(out.list).toHaveLength(53);
    expect(out.list[0]?.score).toBe(100);
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

  it("drops resolved alerts named without their rows, and refetches a list of resolved ones", () => {
    const [a, b] = [row({ score: 90 }), row({ score: 60 })];
    const out = patchQueue([a, b], { rows: [], gone: [], resolved: [a.id] }, view, null);
    expect(ids(out.list)).toEqual([b.id]);
    const done = row({ status: "resolved" });
    const resolvedView = { limit: 60, status: "resolved" as const };
    expect(
      patchQueue([done], { rows: [], gone: [], resolved: [a.id] }, resolvedView, null),
    ).toEqual({ list: [done], refetch: true });
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
