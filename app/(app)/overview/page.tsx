import type { Metadata } from "next";
import { HydrateClient, trpc, getQueryClient } from "@/server/api/rsc";
import { OverviewClient } from "./client";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.overview.get.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <OverviewClient />
    </HydrateClient>
  );
}
