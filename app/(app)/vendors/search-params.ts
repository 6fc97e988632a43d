import { uuid } from "@/lib/schemas/common";
import { VENDOR_PERIODS } from "@/lib/schemas/vendors";
import { DEFAULT_PERIOD_DAYS } from "@/lib/work-orders";

/** The vendors page's period and selected vendor, as they appear in its URL. */
type Params = Record<string, string | string[] | undefined>;
export type Period = (typeof VENDOR_PERIODS)[number];

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

export function isPeriod(n: number): n is Period {
  return (VENDOR_PERIODS as readonly number[]).includes(n);
}

/** One of the offered periods; anything else falls back to the default 90 days. */
export function daysFromSearch(params: Params): Period {
  const n = Number(pick(params, "days"));
  return isPeriod(n) ? n : (DEFAULT_PERIOD_DAYS as Period);
}

export function vendorFromSearch(params: Params): string | null {
  const id = pick(params, "vendor");
  return id && uuid.safeParse(id).success ? id : null;
}

export function vendorsSearch(days: Period, vendor: string | null): string {
  const p = new URLSearchParams();
  if (days !== DEFAULT_PERIOD_DAYS) p.set("days", String(days));
  if (vendor) p.set("vendor", vendor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const TREND_MONTHS = 6;
