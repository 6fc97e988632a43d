import { describe, expect, it } from "vitest";
import { siteCreateInput } from "./admin";
import { phone, telHref } from "./common";

describe("phone", () => {
  const p = phone();
  it("takes numbers as people write them, and empty for none", () => {
    for (const ok of ["+1 312 555 0142", "(312) 555-0142", "+44 20 7946 0958", "030.555.01", ""])
      expect(p.safeParse(ok).success).toBe(true);
    expect(p.parse("  +65 6555 0101 ")).toBe("+65 6555 0101");
  });
  it("refuses letters, too few or too many digits, and NUL", () => {
    for (const bad of ["call me", "1234", "+1 312 555 0142 ext 5", "1".repeat(21), "555\u00000142"])
      expect(p.safeParse(bad).success).toBe(false);
  });
  it("is what a site's phone is checked with, naming the field", () => {
    const r = siteCreateInput.safeParse({
      clientId: "00000000-0000-4000-8000-000000000000",
      name: "Hub",
      phone: "ring the bell",
      timeZone: "America/Chicago",
      latitude: 1,
      longitude: 1,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("phone");
  });
});

describe("telHref", () => {
  it("dials the digits, keeping an international +", () => {
    expect(telHref("+1 (312) 555-0142")).toBe("tel:+13125550142");
    expect(telHref("030 555 01")).toBe("tel:03055501");
  });
});
