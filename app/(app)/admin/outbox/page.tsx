import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { OutboxClient } from "./client";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  if (!(await mayOpen("/admin/outbox"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.outbox.list.queryOptions({ limit: 50 })),
    qc.prefetchQuery(trpc.tenant.settings.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <OutboxClient />
    </HydrateClient>
  );
}
