import { describe, expect, it } from "vitest";
import { shiftState, type ShiftFacts } from "@/lib/shifts";
import { earlyBeyondTolerance, isLate, isNoShow, withinAttachWindow } from "./rules";

const start = new Date("2026-11-04T14:00:00Z");
const end = new Date("2026-11-04T22:00:00Z");
const at = (minutes: number, seconds = 0) =>
  new Date(start.getTime() + minutes * 60_000 + seconds * 1000);

describe("the detection rules at their thresholds", () => {
  it("LATE: more than 15 minutes after the start", () => {
    expect(isLate(start, at(15))).toBe(false);
    expect(isLate(start, at(15, 1))).toBe(true);
    expect(isLate(start, at(-5))).toBe(false);
  });

  it("NO_SHOW: started 2 hours ago or more with no check-in", () => {
    expect(isNoShow(start, null, at(119, 59))).toBe(false);
    expect(isNoShow(start, null, at(120))).toBe(true);
    expect(isNoShow(start, at(90), at(180))).toBe(false);
  });

  it("early check-ins: up to 30 minutes before the start are fine, earlier ones are flagged", () => {
    expect(earlyBeyondTolerance(start, at(-30))).toBeNull();
    expect(earlyBeyondTolerance(start, at(-31))).toBe(1);
    expect(earlyBeyondTolerance(start, at(-75))).toBe(45);
    expect(earlyBeyondTolerance(start, at(10))).toBeNull();
  });

  it("attendance belongs to a shift from 2 hours before its start to its end", () => {
    const shift = { startsAt: start, endsAt: end };
    expect(withinAttachWindow(shift, at(-120))).toBe(true);
    expect(withinAttachWindow(shift, at(-121))).toBe(false);
    expect(withinAttachWindow(shift, end)).toBe(true);
    expect(withinAttachWindow(shift, new Date(end.getTime() + 1))).toBe(false);
  });
});

describe("a shift's state on the board", () => {
  const base: ShiftFacts = {
    startsAt: start,
    endsAt: end,
    cancelled: false,
    excused: false,
    checkedInAt: null,
    checkedOutAt: null,
    lastVerdict: null,
    findings: [],
  };
  it("follows the day", () => {
    expect(shiftState(base, at(-60))).toBe("upcoming");
    expect(shiftState(base, at(15))).toBe("upcoming");
    expect(shiftState(base, at(16))).toBe("late");
    expect(shiftState({ ...base, findings: ["NO_SHOW"] }, at(120))).toBe("no_show");
    expect(shiftState({ ...base, checkedInAt: at(-5), lastVerdict: "on_site" }, at(60))).toBe(
      "on_duty",
    );
    expect(shiftState({ ...base, checkedInAt: at(-5), lastVerdict: "uncertain" }, at(60))).toBe(
      "uncertain",
    );
    expect(shiftState({ ...base, checkedInAt: at(40), findings: ["LATE"] }, at(60))).toBe("late");
    expect(shiftState({ ...base, checkedInAt: at(0), findings: ["WRONG_SITE"] }, at(60))).toBe(
      "wrong_site",
    );
    expect(shiftState({ ...base, checkedInAt: at(0), checkedOutAt: at(480) }, at(481))).toBe(
      "completed",
    );
    expect(shiftState({ ...base, excused: true, findings: ["NO_SHOW"] }, at(200))).toBe("excused");
    expect(shiftState(base, new Date(end.getTime() + 1))).toBe("no_show");
  });
});
