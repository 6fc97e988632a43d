import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { SlaClient } from "./client";
import { rowsFromSearch, selectedFromSearch, slaFiltersFromSearch } from "./search-params";

export const metadata: Metadata = { title: "SLA risk" };

export default async function SlaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/sla"))) return <Forbidden />;
  const params = await searchParams;
  const filters = slaFiltersFromSearch(params);
  const selected = selectedFromSearch(params);
  const rows = rowsFromSearch(params);
  const qc = getQueryClient();
  // what the page shows first; the 30 days' charts (seconds on a large tenant) sit below the
  // list and load after the page, and the site filter's options (a large tenant's thousand
  // sites) once the page runs, unless the URL names a client or site
  await Promise.all([
    qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: rows })),
    qc.prefetchQuery(trpc.ticket.summary.queryOptions()),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    filters.clientId || filters.siteId ? qc.prefetchQuery(trpc.site.list.queryOptions({})) : null,
    selected ? qc.prefetchQuery(trpc.ticket.get.queryOptions({ id: selected })) : null,
  ]);
  return (
    <HydrateClient>
      <SlaClient initialFilters={filters} initialSelected={selected} initialRows={rows} />
    </HydrateClient>
  );
}
