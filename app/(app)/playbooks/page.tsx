import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { PlaybooksClient } from "./client";

export const metadata: Metadata = { title: "Playbooks" };

export default async function PlaybooksPage() {
  if (!(await mayOpen("/playbooks"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.playbook.list.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PlaybooksClient />
    </HydrateClient>
  );
}
