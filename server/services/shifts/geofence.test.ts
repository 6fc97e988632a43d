import { describe, expect, it } from "vitest";
import { distanceM, fenceVerdict } from "./geofence";

// a site at Chicago with a 150 m fence; points due north of it at known distances
const site = { latitude: 41.88, longitude: -87.63, radiusM: 150 };
const north = (m: number) => ({ latitude: site.latitude + m / 111_195, longitude: site.longitude });

describe("distance", () => {
  it("measures metres on the ground", () => {
    expect(distanceM(site, north(100))).toBeCloseTo(100, 0);
    // Chicago to New York, about 1,145 km
    expect(distanceM(site, { latitude: 40.7128, longitude: -74.006 }) / 1000).toBeCloseTo(1145, -1);
  });
});

describe("a fix against a geofence, with its accuracy", () => {
  it("is on site when the whole accuracy circle is inside the fence", () => {
    expect(fenceVerdict({ ...north(100), accuracyM: 40 }, site).verdict).toBe("on_site");
    expect(fenceVerdict({ ...north(0), accuracyM: 150 }, site).verdict).toBe("on_site");
  });

  it("is uncertain, not wrong-site, when the circle straddles the fence", () => {
    // the point is inside but the circle reaches out
    expect(fenceVerdict({ ...north(120), accuracyM: 50 }, site).verdict).toBe("uncertain");
    // the point is outside but the circle reaches in: the guard may well be on site
    expect(fenceVerdict({ ...north(190), accuracyM: 60 }, site).verdict).toBe("uncertain");
    // a poor fix from a phone indoors, centred on the site
    expect(fenceVerdict({ ...north(0), accuracyM: 2000 }, site).verdict).toBe("uncertain");
  });

  it("is wrong-site when the whole circle lies outside", () => {
    const far = fenceVerdict({ ...north(400), accuracyM: 100 }, site);
    expect(far.verdict).toBe("wrong_site");
    expect(far.distanceM).toBeCloseTo(400, -1);
    // an exact fix just past the edge
    expect(fenceVerdict({ ...north(160), accuracyM: 0 }, site).verdict).toBe("wrong_site");
  });

  it("keeps a check-in without a fix as an unknown location", () => {
    expect(fenceVerdict(null, site)).toEqual({ verdict: "no_fix", distanceM: null });
  });
});
