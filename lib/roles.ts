export const ROLES = [
  "admin",
  "supervisor",
  "noc_operator",
  "specialist",
  "site_manager",
  "executive",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  noc_operator: "NOC operator",
  specialist: "Specialist",
  site_manager: "Site manager",
  executive: "Executive",
};

/** Roles whose view is narrowed to the sites or clients in their scope (platform.md). */
export const SCOPED_ROLES: readonly Role[] = ["site_manager", "executive"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
