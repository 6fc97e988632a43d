import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { PoliciesClient } from "./client";

export const metadata: Metadata = { title: "SLA policies" };

export default async function SlaPoliciesPage() {
  if (!(await mayOpen("/sla/policies"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.slaPolicy.list.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PoliciesClient />
    </HydrateClient>
  );
}
