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
  await Promise.all([
    qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT })),
    qc.prefetchQuery(trpc.ticket.charts.queryOptions()),
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
