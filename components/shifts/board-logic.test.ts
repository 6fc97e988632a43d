import { describe, expect, it } from "vitest";
import { actionsFor, recentMonths, stateCounts } from "./board-logic";

const at = (iso: string) => new Date(iso);
const shift = (over: Partial<Parameters<typeof actionsFor>[0]> = {}) => ({
  state: "upcoming" as const,
  startsAt: at("2026-12-03T13:00:00Z"),
  endsAt: at("2026-12-03T21:00:00Z"),
  checkedInAt: null,
  checkedOutAt: null,
  ...over,
});

describe("the board's actions on a shift", () => {
  it("offers a check-in from two hours before the start until the end, and an excuse", () => {
    expect(actionsFor(shift(), at("2026-12-03T10:59:00Z"))).toEqual(["excuse"]);
    expect(actionsFor(shift(), at("2026-12-03T11:00:00Z"))).toEqual(["check_in", "excuse"]);
    expect(actionsFor(shift({ state: "late" }), at("2026-12-03T20:59:00Z"))).toEqual([
      "check_in",
      "excuse",
    ]);
    expect(actionsFor(shift({ state: "no_show" }), at("2026-12-03T21:00:00Z"))).toEqual(["excuse"]);
  });

  it("offers a check-out once the guard is in, and nothing after it", () => {
    const inAt = at("2026-12-03T12:55:00Z");
    expect(
      actionsFor(shift({ state: "on_duty", checkedInAt: inAt }), at("2026-12-03T15:00:00Z")),
    ).toEqual(["check_out"]);
    expect(
      actionsFor(
        shift({ state: "completed", checkedInAt: inAt, checkedOutAt: at("2026-12-03T21:02:00Z") }),
        at("2026-12-03T22:00:00Z"),
      ),
    ).toEqual([]);
  });

  it("offers nothing on an excused or cancelled shift", () => {
    expect(actionsFor(shift({ state: "excused" }), at("2026-12-03T14:00:00Z"))).toEqual([]);
    expect(actionsFor(shift({ state: "cancelled" }), at("2026-12-03T14:00:00Z"))).toEqual([]);
  });
});

describe("the CSV export's months", () => {
  it("lists this month first and crosses the year back", () => {
    const months = recentMonths(at("2027-02-10T08:00:00Z"), 4);
    expect(months.map((m) => m.value)).toEqual(["2027-02", "2027-01", "2026-12", "2026-11"]);
    expect(months[2]?.label).toBe("December 2026");
  });
});

describe("the summary's counts", () => {
  it("counts shifts per state and those nobody is assigned to", () => {
    const { counts, open, total } = stateCounts([
      { state: "on_duty", guardId: "a" },
      { state: "on_duty", guardId: "b" },
      { state: "no_show", guardId: null },
    ]);
    expect(total).toBe(3);
    expect(open).toBe(1);
    expect(counts.get("on_duty")).toBe(2);
    expect(counts.get("no_show")).toBe(1);
    expect(counts.get("late")).toBeUndefined();
  });
});
