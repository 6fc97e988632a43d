import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ApiKeysClient } from "./client";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  if (!(await mayOpen("/admin/api-keys"))) return <Forbidden />;
  await getQueryClient().prefetchQuery(trpc.apiKey.list.queryOptions());
  return (
    <HydrateClient>
      <ApiKeysClient />
    </HydrateClient>
  );
}
