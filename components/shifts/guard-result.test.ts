import { describe, expect, it } from "vitest";
import {
  arrivalLine,
  formatDistance,
  formatMinutes,
  locationLine,
  noFixText,
  plainMessage,
  resultTitle,
} from "./guard-result";

const start = new Date("2026-12-03T13:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("the guard's check-in answer", () => {
  it("is on time up to 15 minutes after the start and 30 before it", () => {
    expect(arrivalLine(start, at(15))).toEqual({ tone: "good", text: "On time" });
    expect(arrivalLine(start, at(-30))).toEqual({ tone: "good", text: "On time" });
    expect(arrivalLine(start, at(0))).toEqual({ tone: "good", text: "On time" });
  });

  it("is late after 15 minutes, saying by how much", () => {
    expect(arrivalLine(start, at(16))).toEqual({
      tone: "bad",
      text: "Late: 16 min after the start",
    });
    expect(arrivalLine(start, at(125)).text).toBe("Late: 2 h 5 min after the start");
  });

  it("flags a check-in more than 30 minutes early", () => {
    const early = arrivalLine(start, at(-31));
    expect(early.tone).toBe("warn");
    expect(early.text).toMatch(/^Early: 31 min before the start/);
  });

  it("says where the server put the fix", () => {
    const base = { distanceM: 40, matchedSite: null, siteName: "Acme Chicago Hub", accuracyM: 12 };
    expect(locationLine({ ...base, verdict: "on_site" })).toEqual({
      tone: "good",
      text: "At Acme Chicago Hub (40 m from its centre)",
    });
    expect(locationLine({ ...base, verdict: "uncertain", accuracyM: 180.4 }).text).toMatch(
      /± 180 m.*uncertain, not wrong site/,
    );
    expect(
      locationLine({ ...base, verdict: "wrong_site", matchedSite: "Acme Dallas Cross-Dock" }),
    ).toEqual({
      tone: "bad",
      text: "Wrong site: you are at Acme Dallas Cross-Dock, not Acme Chicago Hub. Your manager is told.",
    });
    expect(locationLine({ ...base, verdict: "wrong_site", distanceM: 2500 }).text).toBe(
      "Wrong site: you are outside Acme Chicago Hub (2.5 km from its centre). Your manager is told.",
    );
    expect(locationLine({ ...base, verdict: "no_fix", distanceM: null }).tone).toBe("warn");
  });

  it("explains a missing position and what happens instead", () => {
    expect(noFixText("denied")).toMatch(/blocked.*unknown location/);
    expect(noFixText("timeout")).toMatch(/too long/);
  });

  it("titles the answer in the site's time", () => {
    expect(resultTitle("check_in", start, "America/Chicago")).toBe("Checked in at 07:00");
    expect(resultTitle("check_out", at(480), "America/Chicago")).toBe("Checked out at 15:00");
  });

  it("drops the field a service names for forms", () => {
    expect(plainMessage("token: “Gate 2” was already scanned in this round at 14:05")).toBe(
      "“Gate 2” was already scanned in this round at 14:05",
    );
    expect(plainMessage("Checkpoint (this code is not in use) not found")).toBe(
      "Checkpoint (this code is not in use) not found",
    );
  });

  it("formats minutes and distances for a phone", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatDistance(999.6)).toBe("1000 m");
    expect(formatDistance(1234)).toBe("1.2 km");
  });
});
