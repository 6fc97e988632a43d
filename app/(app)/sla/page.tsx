import type { Metadata } from "next";
import { Suspense } from "react";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { Card, EmptyState } from "@/components/ui/card";
import type { SlaFilters } from "@/lib/schemas/sla";
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
  // the risk list reads the open tickets (about 1 s on the large data set): the page's shell
  // paints first, and the page streams in when the list is read
  return (
    <Suspense fallback={<Loading />}>
      <SlaWithData filters={filters} selected={selected} />
    </Suspense>
  );
}

async function SlaWithData({
  filters,
  selected,
}: {
  filters: SlaFilters;
  selected: string | null;
}) {
  const qc = getQueryClient();
  // the 30 days' trends (about 2 s on the large data set) are not prefetched: the charts sit
  // below the list and ask for them once the page runs
  await Promise.all([
    qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT })),
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

function Loading() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold tracking-tight">SLA risk</h1>
      <Card>
        <EmptyState>Loading…</EmptyState>
      </Card>
    </>
  );
}
