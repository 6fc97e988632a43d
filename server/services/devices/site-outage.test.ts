import { describe, expect, it } from "vitest";
import { largestTogether, siteOutage } from "./site-outage";

const at = (min: number) => Date.UTC(2026, 11, 2, 12) + min * 60_000;

describe("site-level root cause", () => {
  it("counts the devices that went offline within 30 minutes of each other", () => {
    expect(largestTogether([at(0), at(5), at(29), at(61), at(70)], 30)).toBe(3);
    expect(largestTogether([], 30)).toBe(0);
  });
  it("is one site alert when most devices (60 %, at least 3) went offline together", () => {
    expect(siteOutage({ total: 5, offlineSince: [at(0), at(2), at(4)] }, false)).toBe(true);
    expect(siteOutage({ total: 6, offlineSince: [at(0), at(2), at(4)] }, false)).toBe(false);
  });
  it("is not for a small site's two devices, however many of them", () => {
    expect(siteOutage({ total: 2, offlineSince: [at(0), at(1)] }, false)).toBe(false);
  });
  it("is not for devices that went offline one by one over the day", () => {
    expect(siteOutage({ total: 4, offlineSince: [at(0), at(120), at(240), at(360)] }, false)).toBe(
      false,
    );
  });
  it("an open site alert stays until fewer than 30 % are offline", () => {
    expect(siteOutage({ total: 10, offlineSince: [at(0), at(90), at(200)] }, true)).toBe(true);
    expect(siteOutage({ total: 10, offlineSince: [at(0), at(90)] }, true)).toBe(false);
  });
});
