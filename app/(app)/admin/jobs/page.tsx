import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { JobsClient } from "./client";

export const metadata: Metadata = { title: "Background jobs" };

export default async function JobsPage() {
  if (!(await mayOpen("/admin/jobs"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.job.list.queryOptions()),
    qc.prefetchQuery(trpc.job.runs.queryOptions({ limit: 50 })),
  ]);
  return (
    <HydrateClient>
      <JobsClient />
    </HydrateClient>
  );
}
