export const ROLES = [
  "admin",
  "supervisor",
  "noc_operator",
  "specialist",
  "site_manager",
  "executive",
  "guard",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  noc_operator: "NOC operator",
  specialist: "Specialist",
  site_manager: "Site manager",
  executive: "Executive",
  guard: "Guard",
};

/** Roles whose view is narrowed to the sites or clients in their scope (platform.md). */
export const SCOPED_ROLES: readonly Role[] = ["site_manager", "executive"];

/**
 * Roles that see only their own records (a guard: their shifts and tours), never a site's or a
 * client's: their scope holds no site, so anything filtered by scope shows them nothing.
 */
export const SELF_ONLY_ROLES: readonly Role[] = ["guard"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
