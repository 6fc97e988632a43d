import { describe, expect, it } from "vitest";
import { navFor, rolesForPath, safeCallbackUrl } from "./navigation";

describe("navigation", () => {
  it("shows admin pages only to admins", () => {
    expect(navFor("admin").map((i) => i.href)).toContain("/admin/users");
    expect(navFor("noc_operator").map((i) => i.href)).not.toContain("/admin/users");
    expect(navFor("supervisor").map((i) => i.href)).toEqual([
      "/overview",
      "/notifications",
      "/admin/audit",
    ]);
  });

  it("finds the roles for nested paths", () => {
    expect(rolesForPath("/admin/users/123")).toEqual(["admin"]);
    expect(rolesForPath("/admin/audit")).toEqual(["admin", "supervisor"]);
    expect(rolesForPath("/somewhere-else")).toBeNull();
  });

  it("accepts only same-site callback paths", () => {
    expect(safeCallbackUrl("/admin/users?x=1")).toBe("/admin/users?x=1");
    expect(safeCallbackUrl("https://evil.test/")).toBeNull();
    expect(safeCallbackUrl("//evil.test/")).toBeNull();
    expect(safeCallbackUrl("/\\evil.test")).toBeNull();
    expect(safeCallbackUrl(undefined)).toBeNull();
  });
});
