import { describe, expect, it } from "vitest";
import {
  canOpen,
  landingFor,
  navFor,
  NAV_ITEMS,
  rolesForPath,
  safeCallbackUrl,
} from "./navigation";
import { ROLES } from "./roles";

describe("navigation", () => {
  it("shows admin pages only to admins", () => {
    expect(navFor("admin").map((i) => i.href)).toContain("/admin/users");
    expect(navFor("noc_operator").map((i) => i.href)).not.toContain("/admin/users");
    expect(navFor("supervisor").map((i) => i.href)).toEqual([
      "/overview",
      "/noc",
      "/noc/rules",
      "/playbooks",
      "/sla",
      "/sla/policies",
      "/devices",
      "/shifts",
      "/work-orders",
      "/vendors",
      "/scorecards",
      "/notifications",
      "/admin/audit",
    ]);
    expect(navFor("executive").map((i) => i.href)).toContain("/scorecards");
    expect(navFor("noc_operator").map((i) => i.href)).not.toContain("/scorecards");
  });

  it("starts every console role on the overview", () => {
    expect(landingFor("noc_operator")).toBe("/overview");
    expect(landingFor("specialist")).toBe("/overview");
    expect(landingFor("site_manager")).toBe("/overview");
    expect(landingFor("executive")).toBe("/overview");
    expect(navFor("site_manager").map((i) => i.href)).not.toContain("/noc");
  });

  it("gives a guard their own shifts and nothing of the console", () => {
    expect(landingFor("guard")).toBe("/me/shifts");
    expect(navFor("guard").map((i) => i.href)).toEqual(["/me/shifts", "/notifications"]);
    for (const path of ["/overview", "/noc", "/shifts", "/work-orders", "/admin/users", "/sla"])
      expect(canOpen("guard", path)).toBe(false);
    expect(canOpen("guard", "/me/shifts/scan/abc")).toBe(true);
    // the guard's page is theirs alone; the board is the managers'
    expect(rolesForPath("/me/shifts")).toEqual(["guard"]);
    expect(rolesForPath("/shifts")).toEqual(["admin", "supervisor", "site_manager"]);
    expect(navFor("site_manager").map((i) => i.href)).toContain("/shifts");
    expect(navFor("noc_operator").map((i) => i.href)).not.toContain("/shifts");
  });

  it("keeps roster editing to those who manage shifts, below the board", () => {
    expect(rolesForPath("/shifts/roster")).toEqual(["admin", "site_manager"]);
    expect(rolesForPath("/shifts/roster/tours/abc/print")).toEqual(["admin", "site_manager"]);
    expect(canOpen("supervisor", "/shifts")).toBe(true);
    expect(canOpen("supervisor", "/shifts/roster")).toBe(false);
    expect(canOpen("guard", "/shifts/roster?site=x")).toBe(false);
    expect(navFor("site_manager").map((i) => i.href)).toContain("/shifts/roster");
    expect(navFor("supervisor").map((i) => i.href)).not.toContain("/shifts/roster");
  });

  it("finds the roles for nested paths", () => {
    expect(rolesForPath("/admin/users/123")).toEqual(["admin"]);
    expect(rolesForPath("/admin/audit")).toEqual(["admin", "supervisor"]);
    // the longest matching page decides: the rules page is narrower than the queue
    expect(rolesForPath("/noc/rules")).toEqual(["admin", "supervisor"]);
    expect(rolesForPath("/noc")).toContain("noc_operator");
    expect(rolesForPath("/sla/policies")).toEqual(["admin", "supervisor"]);
    expect(rolesForPath("/sla")).toContain("site_manager");
    expect(rolesForPath("/sla")).not.toContain("executive");
    expect(rolesForPath("/work-orders")).toEqual(["admin", "supervisor", "site_manager"]);
    expect(rolesForPath("/vendors")).toContain("executive");
    expect(rolesForPath("/vendors")).not.toContain("noc_operator");
    // a device's page is the fleet page's: the NOC, specialists and site managers, no executives
    expect(rolesForPath("/devices/3f1c2a4e-0000-4000-8000-000000000000")).toEqual(
      rolesForPath("/devices"),
    );
    expect(canOpen("specialist", "/devices?kind=camera")).toBe(true);
    expect(canOpen("site_manager", "/devices")).toBe(true);
    expect(canOpen("executive", "/devices")).toBe(false);
    expect(canOpen("guard", "/devices")).toBe(false);
    // the run detail is the list's page; the editor checks the narrower capability itself
    expect(rolesForPath("/playbooks/runs/abc")).toEqual(["admin", "supervisor", "noc_operator"]);
    expect(canOpen("specialist", "/playbooks")).toBe(false);
    expect(rolesForPath("/somewhere-else")).toBeNull();
  });

  it("opens a link only for the roles that may open its page", () => {
    // the vendor panel's "Work orders →": the executive may see vendors but not work orders
    const workOrders = "/work-orders?vendorId=3f1c2a4e-0000-4000-8000-000000000000&all=1";
    expect(canOpen("executive", workOrders)).toBe(false);
    expect(canOpen("site_manager", workOrders)).toBe(true);
    // an SLA alert's ticket: specialists work alerts but cannot open the SLA page
    expect(canOpen("specialist", "/sla?ticket=abc#history")).toBe(false);
    expect(canOpen("noc_operator", "/sla?ticket=abc")).toBe(true);
    expect(canOpen("noc_operator", "/sla/policies")).toBe(false);
    expect(canOpen("executive", "/notifications")).toBe(true);
    expect(canOpen(undefined, "/overview")).toBe(false);
    // exactly the navigation's verdict, for every page and role
    for (const item of NAV_ITEMS)
      for (const role of ROLES)
        expect(canOpen(role, `${item.href}?x=1`)).toBe(navFor(role).includes(item));
  });

  it("accepts only same-site callback paths", () => {
    expect(safeCallbackUrl("/admin/users?x=1")).toBe("/admin/users?x=1");
    expect(safeCallbackUrl("https://evil.test/")).toBeNull();
    expect(safeCallbackUrl("//evil.test/")).toBeNull();
    expect(safeCallbackUrl("/\\evil.test")).toBeNull();
    expect(safeCallbackUrl(undefined)).toBeNull();
  });

  it.each([
    "/\t/evil.test/x",
    "/%09/evil.test/x".replace("%09", "\t"),
    "/\n/evil.test/x",
    "/\r\n/evil.test",
    "\t//evil.test/x",
    " //evil.test",
    "/..//evil.test",
    "/../..//evil.test/x",
    "/./\t/evil.test",
    "/.//evil.test",
    "/a/../..//evil.test",
    "\\\\evil.test",
    "\\/evil.test",
    "/\\evil.test",
    "/\t\\evil.test",
    "\\\t\\evil.test",
    "https:\\\\evil.test",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "///evil.test",
    "////evil.test",
    "http://placeholder.invalid.evil.test/",
    "",
  ])("refuses %j, which a browser would take off the site", (value) => {
    expect(safeCallbackUrl(value)).toBeNull();
  });

  it("refuses the percent-decoded forms of the reported URLs", () => {
    for (const encoded of [
      "%2F%09%2Fevil.test%2Fx",
      "%2F..%2F%2Fevil.test",
      "%2F.%2F%09%2Fevil.test",
    ]) {
      expect(safeCallbackUrl(decodeURIComponent(encoded))).toBeNull();
    }
  });

  it("turns scheme-relative and placeholder-host forms into paths on our site", () => {
    for (const [value, path] of [
      ["http:evil.test", "/evil.test"],
      ["http:/evil.test", "/evil.test"],
      ["//placeholder.invalid/x", "/x"],
    ] as const) {
      expect(safeCallbackUrl(value)).toBe(path);
      for (const origin of ["http://127.0.0.1:3000", "https://watchfloor.example"]) {
        expect(new URL(path, origin).origin).toBe(origin);
      }
    }
  });

  it("keeps same-site paths, normalised as the browser would", () => {
    expect(safeCallbackUrl("/noc?alert=1#x")).toBe("/noc?alert=1#x");
    expect(safeCallbackUrl("/sla/../noc")).toBe("/noc");
    expect(safeCallbackUrl("/no\tc")).toBe("/noc");
    expect(safeCallbackUrl("/%2F%2Fevil.test")).toBe("/%2F%2Fevil.test");
  });
});
