import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { UsersClient } from "./client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  if (!(await mayOpen("/admin/users"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.user.list.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <UsersClient />
    </HydrateClient>
  );
}
