import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { AuditClient } from "./client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  if (!(await mayOpen("/admin/audit"))) return <Forbidden />;
  await getQueryClient().prefetchQuery(trpc.audit.recent.queryOptions({ limit: 50 }));
  return (
    <HydrateClient>
      <AuditClient />
    </HydrateClient>
  );
}
