import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { WorkOrdersClient } from "./client";
import { LIST_LIMIT, selectedFromSearch, workOrderFiltersFromSearch } from "./search-params";

export const metadata: Metadata = { title: "Work orders" };

export default async function WorkOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/work-orders"))) return <Forbidden />;
  const params = await searchParams;
  const filters = workOrderFiltersFromSearch(params);
  const selected = selectedFromSearch(params);
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.workOrder.list.queryOptions({ ...filters, limit: LIST_LIMIT })),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
    qc.prefetchQuery(trpc.vendor.list.queryOptions()),
    selected ? qc.prefetchQuery(trpc.workOrder.get.queryOptions({ id: selected })) : null,
  ]);
  return (
    <HydrateClient>
      <WorkOrdersClient initialFilters={filters} initialSelected={selected} />
    </HydrateClient>
  );
}
