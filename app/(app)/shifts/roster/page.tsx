import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { rosterSite } from "@/components/shifts/roster-format";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { RosterClient } from "./client";
import { siteFromSearch } from "./search-params";

export const metadata: Metadata = { title: "Roster" };

export default async function RosterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await mayOpen("/shifts/roster"))) return <Forbidden />;
  const asked = siteFromSearch(await searchParams);
  const qc = getQueryClient();
  const sites = await qc.fetchQuery(trpc.site.list.queryOptions({}));
  const { siteId, missing } = rosterSite(asked, sites);
  if (siteId) {
    const scope = { siteId };
    await Promise.all([
      qc.prefetchQuery(trpc.roster.posts.queryOptions(scope)),
      qc.prefetchQuery(trpc.roster.templates.queryOptions(scope)),
      qc.prefetchQuery(trpc.roster.assignments.queryOptions(scope)),
      qc.prefetchQuery(trpc.roster.tours.queryOptions(scope)),
      qc.prefetchQuery(trpc.roster.guards.queryOptions({})),
      qc.prefetchQuery(trpc.shift.week.queryOptions({ siteId, days: 14 })),
    ]);
  }
  return (
    <HydrateClient>
      <RosterClient initialSiteId={siteId} missing={missing} />
    </HydrateClient>
  );
}
