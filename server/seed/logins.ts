import type { Role } from "@/lib/roles";

export const DEMO_PASSWORD = "watchfloor-demo";

/** The demo logins; the README, the start banner and the browser tests all read this list. */
export const DEMO_LOGINS: readonly {
  email: string;
  name: string;
  role: Role;
  tenant: "northwind" | "bluefin";
}[] = [
  { email: "admin@northwind.test", name: "Alex Admin", role: "admin", tenant: "northwind" },
  {
    email: "supervisor@northwind.test",
    name: "Sam Supervisor",
    role: "supervisor",
    tenant: "northwind",
  },
  {
    email: "operator@northwind.test",
    name: "Olivia Operator",
    role: "noc_operator",
    tenant: "northwind",
  },
  {
    email: "specialist@northwind.test",
    name: "Sid Specialist",
    role: "specialist",
    tenant: "northwind",
  },
  {
    email: "manager@northwind.test",
    name: "Maya Manager",
    role: "site_manager",
    tenant: "northwind",
  },
  {
    email: "executive@northwind.test",
    name: "Evan Executive",
    role: "executive",
    tenant: "northwind",
  },
  // the guard's own phone page (/me/shifts); server/seed/parts/shifts.ts gives him his roster
  { email: "guard@northwind.test", name: "Gus Guard", role: "guard", tenant: "northwind" },
  { email: "admin@bluefin.test", name: "Bea Bluefin", role: "admin", tenant: "bluefin" },
  { email: "operator@bluefin.test", name: "Ben Bluefin", role: "noc_operator", tenant: "bluefin" },
];
