import { ROLES, type Role } from "./roles";

export type NavItem = {
  href: string;
  label: string;
  roles: readonly Role[];
  section: "main" | "admin";
};

const everyone = ROLES;

/** Every page of the shell, who may open it, and where it sits in the sidebar. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    href: "/noc",
    label: "NOC queue",
    roles: ["admin", "supervisor", "noc_operator", "specialist"],
    section: "main",
  },
  {
    href: "/noc/rules",
    label: "Routing & maintenance",
    roles: ["admin", "supervisor"],
    section: "main",
  },
  {
    href: "/sla",
    label: "SLA risk",
    roles: ["admin", "supervisor", "noc_operator", "site_manager"],
    section: "main",
  },
  { href: "/sla/policies", label: "SLA policies", roles: ["admin", "supervisor"], section: "main" },
  {
    href: "/work-orders",
    label: "Work orders",
    roles: ["admin", "supervisor", "site_manager"],
    section: "main",
  },
  {
    href: "/vendors",
    label: "Vendors",
    roles: ["admin", "supervisor", "site_manager", "executive"],
    section: "main",
  },
  { href: "/overview", label: "Overview", roles: everyone, section: "main" },
  { href: "/notifications", label: "Notifications", roles: everyone, section: "main" },
  { href: "/admin/users", label: "Users", roles: ["admin"], section: "admin" },
  { href: "/admin/clients", label: "Clients & sites", roles: ["admin"], section: "admin" },
  { href: "/admin/groups", label: "Groups", roles: ["admin"], section: "admin" },
  { href: "/admin/api-keys", label: "API keys", roles: ["admin"], section: "admin" },
  { href: "/admin/jobs", label: "Background jobs", roles: ["admin"], section: "admin" },
  { href: "/admin/outbox", label: "Outbox", roles: ["admin"], section: "admin" },
  { href: "/admin/audit", label: "Audit log", roles: ["admin", "supervisor"], section: "admin" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles.includes(role));
}

/** The roles allowed on a path, or null for pages open to every signed-in user. */
export function rolesForPath(pathname: string): readonly Role[] | null {
  const item = NAV_ITEMS.filter(
    (i) => pathname === i.href || pathname.startsWith(`${i.href}/`),
  ).sort((a, b) => b.href.length - a.href.length)[0];
  return item ? item.roles : null;
}

export function landingFor(role: Role): string {
  return role === "noc_operator" || role === "specialist" ? "/noc" : "/overview";
}

const PLACEHOLDER = "http://placeholder.invalid";

/**
 * The same-origin path a post-login destination stands for, or null. The value is resolved the
 * way a browser resolves a Location header (tabs and newlines dropped, `\\` read as `/`, dot
 * segments applied), so a string that only looks like a path cannot name another host.
 */
export function safeCallbackUrl(value: unknown): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2048) return null;
  let resolved: URL;
  try {
    resolved = new URL(value, PLACEHOLDER);
  } catch {
    return null;
  }
  if (resolved.origin !== PLACEHOLDER) return null;
  // "/..//evil.test" resolves to the path "//evil.test", which a browser reads as a host
  if (!resolved.pathname.startsWith("/") || resolved.pathname.startsWith("//")) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}
