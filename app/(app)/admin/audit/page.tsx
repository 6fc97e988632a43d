import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { AuditClient } from "./client";
import { auditFiltersFromSearch, toAuditSearch } from "./search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/admin/audit"))) return <Forbidden />;
  const filters = auditFiltersFromSearch(await searchParams);
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.audit.filterOptions.queryOptions()),
    // days are the viewer's: with a period the browser asks for itself
    filters.from || filters.to
      ? null
      : qc.prefetchQuery(trpc.audit.search.queryOptions({ ...toAuditSearch(filters), limit: 50 })),
  ]);
  return (
    <HydrateClient>
      <AuditClient initialFilters={filters} />
    </HydrateClient>
  );
}
