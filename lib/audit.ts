/**
 * The audit log as people read it: entity kinds and actions in words, each change as
 * "field: before → after", and the CSV the log exports to. Pure; shared by page and export.
 */

/** The job id the demo simulator acts as (scripts/simulator.ts); its rows can be hidden. */
export const SIMULATOR_JOB = "demo-simulator";

/** Entity kinds the log can be filtered by, with their names in the page. */
export const AUDIT_ENTITY_TYPES = {
  alert: "Alert",
  ticket: "Ticket",
  work_order: "Work order",
  user: "User",
  client: "Client",
  site: "Site",
  group: "Group",
  vendor: "Vendor",
  sla_policy: "SLA policy",
  shift: "Shift",
  device: "Device",
  api_key: "API key",
  tenant: "Organisation",
} as const;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_TYPES;
export const AUDIT_ENTITY_TYPE_KEYS = Object.keys(AUDIT_ENTITY_TYPES) as [
  AuditEntityType,
  ...AuditEntityType[],
];

/** Who acted, by kind, for the "who" filter beside the people. */
export const AUDIT_ACTOR_KINDS = {
  system: "Background jobs",
  vendor_token: "Vendor links",
  api_key: "API keys",
} as const;

const words = (s: string) => s.replaceAll("_", " ").replace(/([a-z])([A-Z])/g, "$1 $2");
const capital = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** "work_order.link_sent" → "Work order: link sent"; "user.create" → "User: create". */
export function actionLabel(action: string): string {
  const [kind = "", ...rest] = action.split(".");
  const noun = AUDIT_ENTITY_TYPES[kind as AuditEntityType] ?? capital(words(kind));
  return rest.length ? `${noun}: ${words(rest.join(" "))}` : noun;
}

/** "resolutionDueAt" → "Resolution due at"; "vendor_id" → "Vendor id". */
export const fieldLabel = (key: string) => capital(words(key).toLowerCase());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One value as a person reads it: "—" for nothing, yes/no, dates as "2026-11-04 15:00 UTC",
 * enum words without underscores, ids shortened, lists joined, long text cut at 120 characters.
 */
export function readableValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    if (ISO.test(v)) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime()))
        return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    }
    if (UUID.test(v)) return `…${v.slice(-6)}`;
    const t = /^[a-z]+(_[a-z]+)+$/.test(v) ? words(v) : v;
    return t.length > 120 ? `${t.slice(0, 119)}…` : t;
  }
  if (Array.isArray(v)) return v.length ? v.map(readableValue).join(", ") : "none";
  const json = JSON.stringify(v);
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}

export type FieldChange = { field: string; before: string | null; after: string };

/**
 * The fields a row changed, before → after (before is null for a creation or a one-sided
 * record such as a note). Keys in the order they were written.
 */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return keys.map((k) => ({
    field: fieldLabel(k),
    before: before && k in before ? readableValue(before[k]) : null,
    after: after && k in after ? readableValue(after[k]) : "—",
  }));
}

/** The changes on one line: "Status: assigned → new; Reason: no one free". */
export function changeSummary(changes: readonly FieldChange[]): string {
  return changes
    .map((c) => `${c.field}: ${c.before === null ? c.after : `${c.before} → ${c.after}`}`)
    .join("; ");
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a cell that a
 * spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with a quote mark.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;
