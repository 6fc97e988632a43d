import { uuid } from "@/lib/schemas/common";

type Params = Record<string, string | string[] | undefined>;

/** The site asked for in the roster page's URL (`?site=<id>`), when it is an id at all. */
export function siteFromSearch(params: Params): string | null {
  const v = params.site;
  return typeof v === "string" && uuid.safeParse(v).success ? v : null;
}

export const rosterHref = (siteId: string | null) =>
  siteId ? `/shifts/roster?site=${siteId}` : "/shifts/roster";
