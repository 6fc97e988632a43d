import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ShiftsClient } from "./client";
import { boardFiltersFromSearch, boardInputs } from "./search-params";

export const metadata: Metadata = { title: "Shifts" };

export default async function ShiftsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/shifts"))) return <Forbidden />;
  const filters = boardFiltersFromSearch(await searchParams);
  const inputs = boardInputs(filters);
  const qc = getQueryClient();
  // the figures panels load in the browser: they would hold up the board for seconds; so does
  // the site picker's list (a large tenant's hundreds of sites): the page names the chosen one
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    filters.siteId ? qc.prefetchQuery(trpc.site.get.queryOptions({ id: filters.siteId })) : null,
    filters.view === "week"
      ? qc.prefetchQuery(trpc.shift.week.queryOptions(inputs.week))
      : qc.prefetchQuery(trpc.shift.board.queryOptions(inputs.board)),
  ]);
  return (
    <HydrateClient>
      <ShiftsClient initialFilters={filters} />
    </HydrateClient>
  );
}
