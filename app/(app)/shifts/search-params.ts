import { uuid } from "@/lib/schemas/common";

/** The shift board's site and view, as they appear in its URL (`/shifts?site=…&view=week`). */
type Params = Record<string, string | string[] | undefined>;

export const BOARD_VIEWS = ["today", "week"] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export type BoardFilters = { siteId?: string; view: BoardView };

const pick = (params: Params, k: string) =>
  typeof params[k] === "string" ? (params[k] as string) : undefined;

/** Reads the filters from URL search params, dropping anything that does not parse. */
export function boardFiltersFromSearch(params: Params): BoardFilters {
  const site = pick(params, "site");
  const view = pick(params, "view");
  return {
    ...(site && uuid.safeParse(site).success ? { siteId: site } : {}),
    view: view === "week" ? "week" : "today",
  };
}

export function boardSearch(f: BoardFilters): string {
  const p = new URLSearchParams();
  if (f.siteId) p.set("site", f.siteId);
  if (f.view !== "today") p.set("view", f.view);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The board's query inputs for the filters (the page prefetches exactly these). */
export const boardInputs = (f: BoardFilters) => ({
  board: f.siteId ? { siteId: f.siteId } : {},
  week: { ...(f.siteId ? { siteId: f.siteId } : {}), days: 14 },
});
