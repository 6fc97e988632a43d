import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { RulesClient } from "./client";

export const metadata: Metadata = { title: "Routing & maintenance" };

export default async function RulesPage() {
  if (!(await mayOpen("/noc/rules"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.nocSettings.routing.queryOptions()),
    qc.prefetchQuery(trpc.nocSettings.windows.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <RulesClient />
    </HydrateClient>
  );
}
