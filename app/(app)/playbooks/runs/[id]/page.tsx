import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { uuid } from "@/lib/schemas/common";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { RunClient } from "./client";

export const metadata: Metadata = { title: "Playbook run" };

export default async function PlaybookRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await mayOpen(`/playbooks/runs/${id}`))) return <Forbidden />;
  if (!uuid.safeParse(id).success) notFound();
  const qc = getQueryClient();
  // another tenant's run, or none: not found
  const found = await qc.fetchQuery(trpc.playbook.run.queryOptions({ id })).catch(() => null);
  if (!found) notFound();
  await qc.prefetchQuery(trpc.me.get.queryOptions());
  return (
    <HydrateClient>
      <RunClient id={id} />
    </HydrateClient>
  );
}
