import { uuid } from "@/lib/schemas/common";
import { slaFilterSchema, type SlaFilters } from "@/lib/schemas/sla";

/** The SLA page's filters and selected ticket, as they appear in its URL. */
type Params = Record<string, string | string[] | undefined>;

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

/** Reads the filters from URL search params, dropping anything that does not parse. */
export function slaFiltersFromSearch(params: Params): SlaFilters {
  const min = pick(params, "min");
  const raw = {
    sort: pick(params, "sort"),
    dir: pick(params, "dir"),
    clientId: pick(params, "client"),
    siteId: pick(params, "site"),
    priority: pick(params, "priority"),
    minProbability: min === undefined || min === "" ? undefined : Number(min),
    state: pick(params, "state"),
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const one = slaFilterSchema.shape[k as keyof typeof slaFilterSchema.shape].safeParse(v);
    if (one.success) out[k] = one.data;
  }
  return out as SlaFilters;
}

export function selectedFromSearch(params: Params): string | null {
  const id = pick(params, "ticket");
  return id && uuid.safeParse(id).success ? id : null;
}

/**
 * How many tickets of each group (at risk, breached) the list shows: the first
 * RISK_FIRST_ROWS, or up to RISK_LIMIT once asked for (`rows=all`). A large tenant's 200 of
 * each made the page's HTML 1.5 MB; the first 50 paint fast and most shifts look no further.
 */
export const RISK_FIRST_ROWS = 50;
export const RISK_LIMIT = 200;
export function rowsFromSearch(params: Params): number {
  return pick(params, "rows") === "all" ? RISK_LIMIT : RISK_FIRST_ROWS;
}

export function slaSearch(
  f: SlaFilters,
  ticket: string | null,
  rows: number = RISK_FIRST_ROWS,
): string {
  const p = new URLSearchParams();
  if (f.sort) p.set("sort", f.sort);
  if (f.dir) p.set("dir", f.dir);
  if (f.clientId) p.set("client", f.clientId);
  if (f.siteId) p.set("site", f.siteId);
  if (f.priority) p.set("priority", f.priority);
  if (f.minProbability !== undefined) p.set("min", String(f.minProbability));
  if (f.state) p.set("state", f.state);
  if (ticket) p.set("ticket", ticket);
  if (rows > RISK_FIRST_ROWS) p.set("rows", "all");
  const s = p.toString();
  return s ? `?${s}` : "";
}
