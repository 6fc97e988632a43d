import { uuid } from "@/lib/schemas/common";
import { workOrderFilterSchema } from "@/lib/schemas/vendors";

/** The work-orders page's filters and selected order, as they appear in its URL. */
type Params = Record<string, string | string[] | undefined>;
export type WorkOrderFilters = {
  status?: (typeof workOrderFilterSchema.shape.status)["_output"];
  siteId?: string;
  vendorId?: string;
  category?: (typeof workOrderFilterSchema.shape.category)["_output"];
  q?: string;
  open?: boolean;
};

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

const KEYS = ["status", "siteId", "vendorId", "category", "q"] as const;

/** Reads the filters from URL search params, dropping anything that does not parse. */
export function workOrderFiltersFromSearch(params: Params): WorkOrderFilters {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) {
    const v = pick(params, k);
    if (v === undefined || v === "") continue;
    const one = workOrderFilterSchema.shape[k].safeParse(v);
    if (one.success) out[k] = one.data;
  }
  // open orders by default; ?all=1 shows closed ones too (a status filter overrides both)
  if (!out.status && pick(params, "all") !== "1") out.open = true;
  return out as WorkOrderFilters;
}

export function selectedFromSearch(params: Params): string | null {
  const id = pick(params, "order");
  return id && uuid.safeParse(id).success ? id : null;
}

export function workOrderSearch(f: WorkOrderFilters, order: string | null): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k]) p.set(k, String(f[k]));
  if (!f.status && !f.open) p.set("all", "1");
  if (order) p.set("order", order);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const LIST_LIMIT = 200;
