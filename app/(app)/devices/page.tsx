import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { DevicesClient } from "./client";
import { fleetFiltersFromSearch } from "./search-params";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/devices"))) return <Forbidden />;
  const filters = fleetFiltersFromSearch(await searchParams);
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.device.fleet.queryOptions(filters)),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <DevicesClient initialFilters={filters} />
    </HydrateClient>
  );
}
