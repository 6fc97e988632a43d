import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { SlaClient } from "./client";
import { RISK_LIMIT, selectedFromSearch, slaFiltersFromSearch } from "./search-params";

export const metadata: Metadata = { title: "SLA risk" };

export default async function SlaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/sla"))) return <Forbidden />;
  const params = await searchParams;
  const filters = slaFiltersFromSearch(params);
  const selected = selectedFromSearch(params);
  const qc = getQueryClient();
  // started, not awaited: the list and the ticket stream in behind skeletons (Streamed); the
  // charts, below the fold and the slowest, are fetched by the browser after first paint
  void qc.prefetchQuery(trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT }));
  if (selected) void qc.prefetchQuery(trpc.ticket.get.queryOptions({ id: selected }));
  // the shell's own small look-ups: the role (its buttons) and the clients (the locked note
  // above the list); the sites, a long list for one select, are fetched by the browser
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.client.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <SlaClient initialFilters={filters} initialSelected={selected} />
    </HydrateClient>
  );
}
