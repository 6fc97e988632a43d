import { fleetFilterSchema } from "@/lib/schemas/devices";
import type { z } from "zod";

/** The fleet page's filters (client, site, kind), as they appear in its URL. */
type Params = Record<string, string | string[] | undefined>;
export type FleetFilters = z.infer<typeof fleetFilterSchema>;

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

const KEYS = { clientId: "client", siteId: "site", kind: "kind" } as const;

/** Reads the filters from URL search params, dropping anything that does not parse. */
export function fleetFiltersFromSearch(params: Params): FleetFilters {
  const out: Record<string, unknown> = {};
  for (const [k, name] of Object.entries(KEYS)) {
    const v = pick(params, name);
    if (v === undefined || v === "") continue;
    const one = fleetFilterSchema.shape[k as keyof typeof KEYS].safeParse(v);
    if (one.success) out[k] = one.data;
  }
  return out as FleetFilters;
}

export function fleetSearch(f: FleetFilters): string {
  const p = new URLSearchParams();
  for (const [k, name] of Object.entries(KEYS)) {
    const v = f[k as keyof typeof KEYS];
    if (v) p.set(name, v);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
