import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { GroupsClient } from "./client";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  if (!(await mayOpen("/admin/groups"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.group.list.queryOptions()),
    qc.prefetchQuery(trpc.user.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <GroupsClient />
    </HydrateClient>
  );
}
