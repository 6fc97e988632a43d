import { uuid } from "@/lib/schemas/common";

/**
 * The shift board's site, view and page of sites, as they appear in its URL
 * (`/shifts?site=…&view=week&page=2`); page 1 is left out.
 */
type Params = Record<string, string | string[] | undefined>;

export const BOARD_VIEWS = ["today", "week"] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export type BoardFilters = { siteId?: string; view: BoardView; page?: number };

/** (the procedures' bound on `page`, lib/schemas/shifts) */
const MAX_PAGE = 10_000;

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

/** Reads the filters from URL search params, dropping anything that does not parse. */
export function boardFiltersFromSearch(params: Params): BoardFilters {
  const site = pick(params, "site");
  const view = pick(params, "view");
  const rawPage = pick(params, "page");
  const page = rawPage && /^\d{1,5}$/.test(rawPage) ? Number(rawPage) : 0;
  return {
    ...(site && uuid.safeParse(site).success ? { siteId: site } : {}),
    view: view === "week" ? "week" : "today",
    ...(page > 1 && page <= MAX_PAGE ? { page } : {}),
  };
}

export function boardSearch(f: BoardFilters): string {
  const p = new URLSearchParams();
  if (f.siteId) p.set("site", f.siteId);
  if (f.view !== "today") p.set("view", f.view);
  if (f.page && f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The board's query inputs for the filters (the page prefetches exactly these). */
export function boardInputs(f: BoardFilters) {
  const site = f.siteId ? { siteId: f.siteId } : {};
  const page = f.page && f.page > 1 ? { page: f.page } : {};
  return { board: { ...site, ...page }, week: { ...site, days: 14, ...page } };
}
