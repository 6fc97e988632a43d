import { can, rolesWith, type Capability } from "./permissions";
import type { Role } from "./roles";

export type NavItem = {
  href: string;
  label: string;
  /** who may open the page, and every page below it that no narrower item claims */
  capability: Capability;
  section: "main" | "admin";
};

/** Every page of the shell, who may open it, and where it sits in the sidebar. */
export const NAV_ITEMS: readonly NavItem[] = [
  // first: the start page of every console role (landingFor)
  { href: "/overview", label: "Overview", capability: "overview.view", section: "main" },
  { href: "/noc", label: "NOC queue", capability: "alert.view", section: "main" },
  {
    href: "/noc/rules",
    label: "Routing & maintenance",
    capability: "noc.rules.view",
    section: "main",
  },
  { href: "/playbooks", label: "Playbooks", capability: "playbook.view", section: "main" },
  { href: "/sla", label: "SLA risk", capability: "ticket.view", section: "main" },
  {
    href: "/sla/policies",
    label: "SLA policies",
    capability: "slaCalendar.manage",
    section: "main",
  },
  { href: "/devices", label: "Devices", capability: "device.view", section: "main" },
  { href: "/shifts", label: "Shifts", capability: "shifts.view", section: "main" },
  { href: "/shifts/roster", label: "Roster", capability: "shifts.manage", section: "main" },
  { href: "/me/shifts", label: "My shifts", capability: "myShifts.view", section: "main" },
  { href: "/work-orders", label: "Work orders", capability: "workOrder.manage", section: "main" },
  { href: "/vendors", label: "Vendors", capability: "vendor.view", section: "main" },
  { href: "/scorecards", label: "Scorecards", capability: "scorecard.view", section: "main" },
  { href: "/notifications", label: "Notifications", capability: "signedIn", section: "main" },
  { href: "/admin/users", label: "Users", capability: "user.manage", section: "admin" },
  {
    href: "/admin/clients",
    label: "Clients & sites",
    capability: "client.manage",
    section: "admin",
  },
  { href: "/admin/groups", label: "Groups", capability: "group.manage", section: "admin" },
  { href: "/admin/api-keys", label: "API keys", capability: "apiKey.manage", section: "admin" },
  { href: "/admin/jobs", label: "Background jobs", capability: "job.manage", section: "admin" },
  { href: "/admin/outbox", label: "Outbox", capability: "outbox.view", section: "admin" },
  { href: "/admin/audit", label: "Audit log", capability: "audit.view", section: "admin" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => can(role, i.capability));
}

/** The page a path belongs to: the longest nav item it is, or is below. */
function pageOf(pathname: string): NavItem | undefined {
  return NAV_ITEMS.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`)).sort(
    (a, b) => b.href.length - a.href.length,
  )[0];
}

/** The roles allowed on a path, or null for pages open to every signed-in user. */
export function rolesForPath(pathname: string): readonly Role[] | null {
  const item = pageOf(pathname);
  return item ? rolesWith(item.capability) : null;
}

/**
 * Whether a role may open an in-app link (path, query and fragment allowed): every link to a
 * page is drawn only when this holds, so no role is shown a link that ends in a 403.
 */
export function canOpen(role: Role | null | undefined, href: string): boolean {
  const pathname = href.split(/[?#]/, 1)[0] ?? href;
  const item = pageOf(pathname);
  return item ? can(role, item.capability) : role != null;
}

/**
 * Where a role starts: the overview (its numbers to act on, each a link to the filtered page)
 * for every role that may open it, else the first page of its own (a guard's shifts).
 */
export function landingFor(role: Role): string {
  if (can(role, "overview.view")) return "/overview";
  return navFor(role)[0]?.href ?? "/notifications";
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
