import type { Metadata } from "next";
import { PlaybookEditor } from "@/components/playbooks/playbook-editor";
import { Forbidden } from "@/components/shell/page-guard.server";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { mayEditPlaybooks } from "../may-edit";

export const metadata: Metadata = { title: "New playbook" };

export default async function NewPlaybookPage() {
  if (!(await mayEditPlaybooks())) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.user.list.queryOptions()),
    qc.prefetchQuery(trpc.group.list.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="New playbook"
        description="When it runs, then what it does, step by step. Dry-run it before you enable it."
      />
      <PlaybookEditor />
    </HydrateClient>
  );
}
