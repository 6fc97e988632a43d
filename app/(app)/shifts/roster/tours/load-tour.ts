import { notFound } from "next/navigation";
import { mayOpen } from "@/components/shell/page-guard.server";
import { uuid } from "@/lib/schemas/common";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { siteFromSearch } from "../search-params";

type Params = Record<string, string | string[] | undefined>;

/**
 * The tour pages' check and prefetch: the role may open `path`, and the tour is one of the
 * user's (a tour at a site they do not manage is not listed, so it reads as not found). The
 * site in the URL, when given, narrows the list to that site's tours.
 */
export async function loadTour(
  id: string,
  path: string,
  params: Params,
): Promise<{ forbidden: true } | { forbidden: false; input: { siteId?: string } }> {
  if (!(await mayOpen(path))) return { forbidden: true };
  if (!uuid.safeParse(id).success) notFound();
  const siteId = siteFromSearch(params);
  const input = siteId ? { siteId } : {};
  const tours = await getQueryClient().fetchQuery(trpc.roster.tours.queryOptions(input));
  if (!tours.some((t) => t.id === id)) notFound();
  return { forbidden: false, input };
}
