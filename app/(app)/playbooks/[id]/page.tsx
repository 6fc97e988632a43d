import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Forbidden } from "@/components/shell/page-guard.server";
import { uuid } from "@/lib/schemas/common";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { mayEditPlaybooks } from "../may-edit";
import { EditPlaybookClient } from "./client";

export const metadata: Metadata = { title: "Edit playbook" };

export default async function EditPlaybookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const created = (await searchParams).created === "1";
  if (!(await mayEditPlaybooks())) return <Forbidden />;
  if (!uuid.safeParse(id).success) notFound();
  const qc = getQueryClient();
  // another tenant's playbook, or none: not found
  const found = await qc.fetchQuery(trpc.playbook.get.queryOptions({ id })).catch(() => null);
  if (!found) notFound();
  await Promise.all([
    qc.prefetchQuery(trpc.user.list.queryOptions()),
    qc.prefetchQuery(trpc.group.list.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
    qc.prefetchQuery(trpc.site.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <EditPlaybookClient id={id} created={created} />
    </HydrateClient>
  );
}
