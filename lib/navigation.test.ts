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
      "/noc",
      "/noc/rules",
      "/sla",
      "/sla/policies",
      "/work-orders",
      "/vendors",
      "/overview",
      "/notifications",
      "/admin/audit",
    ]);
  });

  it("sends operators and specialists to the NOC queue, others to the overview", () => {
    expect(landingFor("noc_operator")).toBe("/noc");
    expect(landingFor("specialist")).toBe("/noc");
    expect(landingFor("site_manager")).toBe("/overview");
    expect(navFor("site_manager").map((i) => i.href)).not.toContain("/noc");
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
});
