import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ClientsClient } from "./client";

export const metadata: Metadata = { title: "Clients & sites" };

export default async function ClientsPage() {
  if (!(await mayOpen("/admin/clients"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <ClientsClient />
    </HydrateClient>
  );
}
