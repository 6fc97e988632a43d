import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { QUEUE_FETCH_ROWS } from "@/lib/live-queue";
import { filtersFromSearch } from "@/lib/noc-filters";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { NocClient } from "./client";

export const metadata: Metadata = { title: "NOC queue" };

export default async function NocPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/noc"))) return <Forbidden />;
  const params = await searchParams;
  const filters = filtersFromSearch(params);
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.alert.list.queryOptions({ ...filters, limit: QUEUE_FETCH_ROWS })),
    qc.prefetchQuery(trpc.alert.stats.queryOptions()),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.alert.filterOptions.queryOptions()),
    filters.clientId
      ? qc.prefetchQuery(trpc.site.list.queryOptions({ clientId: filters.clientId }))
      : undefined,
  ]);
  const selected = typeof params.alert === "string" ? params.alert : null;
  return (
    <HydrateClient>
      <NocClient initialFilters={filters} initialSelected={selected} />
    </HydrateClient>
  );
}
