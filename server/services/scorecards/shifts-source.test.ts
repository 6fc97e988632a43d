import { describe, expect, it } from "vitest";
import { attendanceMeasure, coverageMeasure } from "./shifts-source";

describe("attendance compliance", () => {
  it("is the share of shifts without a no-show or a late arrival, driven by the worst site", () => {
    const m = attendanceMeasure(
      [
        { label: "Meridian Mall", total: 20, noShows: 6, late: 3 },
        { label: "Depot", total: 30, noShows: 1, late: 2 },
      ],
      true,
    );
    expect(m).toEqual({
      status: "ok",
      value: 76,
      inputs: { noShows: 7, late: 5, met: 38, total: 50 },
      driver: { label: "Meridian Mall", count: 9, of: 12, what: "no-shows and late arrivals" },
    });
  });
  it("is 100 % with no driver when every shift was attended on time", () => {
    const m = attendanceMeasure([{ label: "Depot", total: 4, noShows: 0, late: 0 }], true);
    expect(m).toMatchObject({ status: "ok", value: 100, driver: null });
  });
  it("is 0 % when nobody came, not 'no data'", () => {
    const m = attendanceMeasure([{ label: "Depot", total: 3, noShows: 3, late: 0 }], true);
    expect(m).toMatchObject({ status: "ok", value: 0 });
  });
  it("says 'no shifts scheduled' for a month without shifts at a client with posts", () => {
    expect(attendanceMeasure([], true)).toEqual({
      status: "no_data",
      note: "no shifts scheduled",
      inputs: { noShows: 0, late: 0, total: 0 },
    });
  });
  it("reads 'not tracked' for a client without guard posts, never 0 %", () => {
    expect(attendanceMeasure([], false)).toEqual({
      status: "not_tracked",
      note: "not tracked (no guard posts)",
    });
  });
  it("counts shifts that exist even if the posts are gone", () => {
    const m = attendanceMeasure([{ label: "Depot", total: 2, noShows: 1, late: 0 }], false);
    expect(m).toMatchObject({ status: "ok", value: 50 });
  });
});

describe("tour coverage", () => {
  it("is checkpoints scanned over scheduled, driven by the site missing most", () => {
    const m = coverageMeasure(
      [
        { label: "Yard", scheduled: 40, scanned: 30 },
        { label: "Lobby", scheduled: 10, scanned: 9 },
      ],
      true,
    );
    expect(m).toEqual({
      status: "ok",
      value: 78,
      inputs: { missed: 11, met: 39, total: 50 },
      driver: { label: "Yard", count: 10, of: 11, what: "missed checkpoints" },
    });
  });
  it("rounds to one decimal", () => {
    expect(coverageMeasure([{ label: "Yard", scheduled: 3, scanned: 2 }], true)).toMatchObject({
      value: 66.7,
    });
  });
  it("says 'no tour rounds scheduled' or 'not tracked', never a number, without rounds", () => {
    expect(coverageMeasure([], true)).toMatchObject({
      status: "no_data",
      note: "no tour rounds scheduled",
    });
    expect(coverageMeasure([], false)).toEqual({
      status: "not_tracked",
      note: "not tracked (no guard tours)",
    });
  });
});
