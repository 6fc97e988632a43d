import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ScorecardClient } from "./client";

export const metadata: Metadata = { title: "Scorecard" };

export default async function ScorecardPage({
  params,
}: {
  params: Promise<{ client: string; month: string }>;
}) {
  if (!(await mayOpen("/scorecards"))) return <Forbidden />;
  const { client, month } = await params;
  const qc = getQueryClient();
  // a bad id or month shows the query's error on the page
  await qc.prefetchQuery(trpc.scorecard.get.queryOptions({ clientId: client, month }));
  return (
    <HydrateClient>
      <ScorecardClient clientId={client} month={month} />
    </HydrateClient>
  );
}
