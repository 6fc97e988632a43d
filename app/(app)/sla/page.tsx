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
  // what the page shows first. Loaded once the page runs instead: the header's counts (160 ms
  // over a large tenant's 200,000 open tickets, the page's slowest read), the 30 days' charts
  // below the list (seconds), and the site filter's options (a thousand sites) unless the URL
  // names a client or site
  await Promise.all([
    qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: rows })),
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
