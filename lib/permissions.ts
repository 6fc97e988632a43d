import type { Role } from "./roles";

/**
 * Who may do what: the one map (platform.md, "Users and roles"). tRPC procedures, HTTP routes,
 * services, navigation and buttons all read it; nothing else spells out a list of roles.
 * Scope (a site manager's sites, an executive's clients, a specialist's groups) narrows the rows
 * a capability reaches; that is the services' job, not this map's.
 */
export const CAPABILITIES = {
  // NOC
  "alert.view": ["admin", "supervisor", "noc_operator", "specialist"],
  "alert.create": ["admin", "supervisor", "noc_operator"],
  "alert.work": ["admin", "supervisor", "noc_operator", "specialist"], // acknowledge, resolve, comment
  "alert.triage": ["admin", "supervisor", "noc_operator"], // assign, escalate, bulk actions
  "noc.rules.view": ["admin", "supervisor"],
  "noc.rules.manage": ["admin", "supervisor"],
  "noc.routing.manage": ["admin"],
  // SLA
  "ticket.view": ["admin", "supervisor", "noc_operator", "site_manager"],
  "ticket.work": ["admin", "supervisor", "noc_operator"],
  "ticket.setPriority": ["admin", "supervisor"],
  "slaPolicy.view": ["admin", "supervisor", "noc_operator"],
  "slaPolicy.manage": ["admin"],
  // vendors and work orders
  "workOrder.manage": ["admin", "supervisor", "site_manager"],
  "vendor.view": ["admin", "supervisor", "site_manager", "executive"],
  "vendor.list": ["admin", "supervisor", "site_manager"],
  "vendor.manage": ["admin", "supervisor"],
  // platform
  "overview.view": [
    "admin",
    "supervisor",
    "noc_operator",
    "specialist",
    "site_manager",
    "executive",
  ],
  "audit.view": ["admin", "supervisor"],
  "group.view": ["admin", "supervisor"],
  "group.manage": ["admin"],
  "user.manage": ["admin"],
  "client.manage": ["admin"],
  "site.manage": ["admin"],
  "apiKey.manage": ["admin"],
  "job.manage": ["admin"],
  "outbox.view": ["admin"],
  "tenant.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && (CAPABILITIES[capability] as readonly Role[]).includes(role);
}
