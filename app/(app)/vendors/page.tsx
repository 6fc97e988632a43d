import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { can } from "@/lib/permissions";
import { getQueryClient, HydrateClient, serverCaller, trpc } from "@/server/api/rsc";
import { VendorsClient } from "./client";
import { daysFromSearch, TREND_MONTHS, vendorFromSearch } from "./search-params";

export const metadata: Metadata = { title: "Vendors" };

export default async function VendorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/vendors"))) return <Forbidden />;
  // the capability of vendor.rankings, checked here too in case the path has no navigation entry
  const me = await (await serverCaller()).me.get().catch(() => null);
  if (!me || !can(me.role, "vendor.view")) return <Forbidden />;
  const params = await searchParams;
  const days = daysFromSearch(params);
  const selected = vendorFromSearch(params);
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.vendor.rankings.queryOptions({ days })),
    can(me.role, "vendor.list") ? qc.prefetchQuery(trpc.vendor.list.queryOptions()) : null,
    selected
      ? qc.prefetchQuery(
          trpc.vendor.trend.queryOptions({ vendorId: selected, months: TREND_MONTHS }),
        )
      : null,
  ]);
  return (
    <HydrateClient>
      <VendorsClient initialDays={days} initialSelected={selected} />
    </HydrateClient>
  );
}
