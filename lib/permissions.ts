import { ROLES, SELF_ONLY_ROLES, type Role } from "./roles";

/** Every role that works in the console (everyone but guards, who have their own phone page). */
const STAFF = ROLES.filter((r) => !SELF_ONLY_ROLES.includes(r));

/**
 * Who may do what: the one map (platform.md, "Users and roles"). tRPC procedures, HTTP routes,
 * services, navigation and buttons all read it; nothing else spells out a list of roles.
 * Scope (a site manager's sites, an executive's clients, a specialist's groups) narrows the rows
 * a capability reaches; that is the services' job, not this map's.
 */
export const CAPABILITIES = {
  /** Any signed-in user: their own profile, preferences and notifications. */
  signedIn: ROLES,
  // NOC
  "alert.view": ["admin", "supervisor", "noc_operator", "specialist"],
  "alert.create": ["admin", "supervisor", "noc_operator"],
  "alert.work": ["admin", "supervisor", "noc_operator", "specialist"], // acknowledge, resolve, comment
  /** Assign and escalate; who triages sees every alert, not only their groups' (noc/access.ts). */
  "alert.triage": ["admin", "supervisor", "noc_operator"],
  "noc.rules.view": ["admin", "supervisor"],
  "noc.rules.manage": ["admin", "supervisor"], // maintenance windows
  "noc.routing.manage": ["admin"],
  // SLA
  "ticket.view": ["admin", "supervisor", "noc_operator", "site_manager"],
  "ticket.create": ["admin", "supervisor", "noc_operator", "site_manager"], // raise, comment
  "ticket.work": ["admin", "supervisor", "noc_operator"], // status, assignment
  "ticket.setPriority": ["admin", "supervisor"],
  "slaPolicy.view": ["admin", "supervisor", "noc_operator"],
  "slaPolicy.manage": ["admin"],
  "slaCalendar.manage": ["admin", "supervisor"], // holidays; the SLA policies page
  // vendors and work orders
  "workOrder.manage": ["admin", "supervisor", "site_manager"],
  "vendor.view": ["admin", "supervisor", "site_manager", "executive"],
  "vendor.list": ["admin", "supervisor", "site_manager"],
  "vendor.manage": ["admin", "supervisor"],
  // shifts and guard tours (shifts.md); tiers narrow further (lib/tiers.ts)
  "shifts.view": ["admin", "supervisor", "site_manager"], // board, week, compliance, CSV, tours
  "shifts.record": ["admin", "supervisor", "site_manager"], // manual check-in, excused absence
  "shifts.manage": ["admin", "site_manager"], // posts, templates, assignments, tours, checkpoints
  "myShifts.view": ["guard"], // a guard's own shifts and tours
  "shifts.checkIn": ["guard"], // check in and out from the phone, confirm a shift
  "tours.scan": ["guard"],
  // scorecards: executives see their clients' (scope narrows), account managers regenerate
  "scorecard.view": ["admin", "supervisor", "executive"],
  "scorecard.regenerate": ["admin", "supervisor"],
  "scorecard.targets.manage": ["admin"],
  // devices (the NOC and specialists see every device, site managers their sites')
  "device.view": ["admin", "supervisor", "noc_operator", "specialist", "site_manager"],
  "device.manage": ["admin"], // register devices, issue device and site-gateway keys
  // playbooks (playbooks.md; gold tier: runs only for gold clients' alerts, lib/tiers.ts)
  "playbook.view": ["admin", "supervisor", "noc_operator"], // the list, runs and run detail
  "playbook.manage": ["admin"], // create, edit, enable, dry run
  "playbook.kill": ["admin", "supervisor"], // the kill switch: a safety stop, not an edit
  "playbook.approve": ["admin", "supervisor"], // approve or reject a waiting run (app or link)
  // platform
  "overview.view": STAFF,
  "client.view": STAFF,
  "site.view": STAFF,
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

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** The kinds of API key. Keys carry no role: what each may call is in KEY_CAPABILITIES. */
export const API_KEY_KINDS = ["tenant", "site_gateway", "device"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** Which kind of key may call which HTTP API, read by the routes as CAPABILITIES is by roles. */
export const KEY_CAPABILITIES = {
  /** POST /api/telemetry: a device its own readings, a gateway those of its site's devices */
  "telemetry.post": ["device", "site_gateway"],
} as const satisfies Record<string, readonly ApiKeyKind[]>;
export type KeyCapability = keyof typeof KEY_CAPABILITIES;

export function keyCan(kind: ApiKeyKind, capability: KeyCapability): boolean {
  return (KEY_CAPABILITIES[capability] as readonly ApiKeyKind[]).includes(kind);
}
