import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { SlaClient } from "./client";
import { RISK_LIMIT, selectedFromSearch, slaFiltersFromSearch } from "./search-params";

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
  const qc = getQueryClient();
  // The risk list and the 30 days' trends read the open and recent tickets (about 1 s and 2 s
  // on the large data set): not awaited, so the page's shell paints at once. Their pending
  // queries go to the browser with their promises (lib/trpc/query-client.ts dehydrates pending
  // queries), which stream in with the rest of the response and fill the table and the charts
  // without requests of their own.
  void qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT }));
  void qc.prefetchQuery(trpc.ticket.charts.queryOptions());
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
    selected ? qc.prefetchQuery(trpc.ticket.get.queryOptions({ id: selected })) : null,
  ]);
  return (
    <HydrateClient>
      <SlaClient initialFilters={filters} initialSelected={selected} />
    </HydrateClient>
  );
}
