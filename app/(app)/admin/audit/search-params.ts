import { AUDIT_ENTITY_TYPE_KEYS, type AuditEntityType } from "@/lib/audit";
import { auditSearchInput, type AuditSearch } from "@/lib/schemas/audit";

/** The audit page's filters as its URL holds them: days, not instants. */
export type AuditUrlFilters = {
  actor?: string;
  entityType?: AuditEntityType;
  action?: string;
  /** first and last day shown, YYYY-MM-DD, in the viewer's zone */
  from?: string;
  to?: string;
  q?: string;
  /** the demo simulator's rows hidden (the default); "sim=show" shows them */
  hideSimulator: boolean;
};

type Params = Record<string, string | string[] | undefined>;
const pick = (p: Params, k: string) => (typeof p[k] === "string" ? (p[k] as string) : undefined);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters from the URL, dropping anything that does not parse. */
export function auditFiltersFromSearch(p: Params): AuditUrlFilters {
  const one = <K extends keyof typeof auditSearchInput.shape>(k: K, v: string | undefined) =>
    v !== undefined && auditSearchInput.shape[k].safeParse(v).success ? v : undefined;
  const type = pick(p, "type");
  const from = pick(p, "from");
  const to = pick(p, "to");
  const out: AuditUrlFilters = { hideSimulator: pick(p, "sim") !== "show" };
  const actor = one("actor", pick(p, "who"));
  if (actor) out.actor = actor;
  if (type && (AUDIT_ENTITY_TYPE_KEYS as string[]).includes(type))
    out.entityType = type as AuditEntityType;
  const action = one("action", pick(p, "action"));
  if (action) out.action = action;
  if (from && DAY.test(from)) out.from = from;
  if (to && DAY.test(to)) out.to = to;
  const q = one("q", pick(p, "q"));
  if (q) out.q = q;
  return out;
}

export function auditSearchString(f: AuditUrlFilters): string {
  const p = new URLSearchParams();
  if (f.actor) p.set("who", f.actor);
  if (f.entityType) p.set("type", f.entityType);
  if (f.action) p.set("action", f.action);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.q) p.set("q", f.q);
  if (!f.hideSimulator) p.set("sim", "show");
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Local midnight of a day; `to` days run to the next midnight (the day itself included). */
const localDay = (day: string, plus = 0) => {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(y, m - 1, d + plus);
};

/** The query the filters mean, with days as instants in the zone this runs in. */
export function toAuditSearch(f: AuditUrlFilters): AuditSearch {
  const s: AuditSearch = { hideSimulator: f.hideSimulator };
  if (f.actor) s.actor = f.actor;
  if (f.entityType) s.entityType = f.entityType;
  if (f.action) s.action = f.action;
  if (f.from) s.from = localDay(f.from);
  if (f.to) s.to = localDay(f.to, 1);
  if (f.q) s.q = f.q;
  return s;
}

/** The CSV export's URL for the same filters. */
export function auditExportHref(f: AuditUrlFilters): string {
  const s = toAuditSearch(f);
  const p = new URLSearchParams();
  if (s.actor) p.set("actor", s.actor);
  if (s.entityType) p.set("entityType", s.entityType);
  if (s.action) p.set("action", s.action);
  if (s.from) p.set("from", s.from.toISOString());
  if (s.to) p.set("to", s.to.toISOString());
  if (s.q) p.set("q", s.q);
  p.set("hideSimulator", s.hideSimulator ? "1" : "0");
  return `/api/audit/export?${p.toString()}`;
}
