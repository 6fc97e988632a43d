import { describe, expect, it } from "vitest";
import { isTimeZone, siteCreateInput, userCreateInput } from "./admin";

describe("admin input schemas", () => {
  it("accepts IANA zones and refuses others", () => {
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Base")).toBe(false);
    expect(isTimeZone("EST5EDT-ish")).toBe(false);
  });

  it("says what is wrong with a site", () => {
    const r = siteCreateInput.safeParse({
      clientId: "not-a-uuid",
      name: "",
      timeZone: "Nowhere",
      latitude: 120,
      longitude: 0,
      geofenceRadiusM: 5,
      criticality: 9,
    });
    expect(r.success).toBe(false);
    const fields = r.error?.flatten().fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual([
      "clientId",
      "criticality",
      "geofenceRadiusM",
      "latitude",
      "name",
      "timeZone",
    ]);
    expect(fields.timeZone?.[0]).toMatch(/IANA/);
  });

  it("normalises e-mail and requires a long password", () => {
    const ok = userCreateInput.parse({
      name: "A",
      email: " Someone@Example.TEST ",
      role: "admin",
      password: "0123456789",
    });
    expect(ok.email).toBe("someone@example.test");
    expect(
      userCreateInput.safeParse({ name: "A", email: "a@b.test", role: "admin", password: "short" })
        .success,
    ).toBe(false);
    expect(
      userCreateInput.safeParse({
        name: "A",
        email: "a@b.test",
        role: "root",
        password: "0123456789",
      }).success,
    ).toBe(false);
  });
});
