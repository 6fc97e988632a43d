import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ScorecardGridClient } from "./client";

export const metadata: Metadata = { title: "Scorecards" };

export default async function ScorecardsPage() {
  if (!(await mayOpen("/scorecards"))) return <Forbidden />;
  const qc = getQueryClient();
  await qc.prefetchQuery(trpc.scorecard.grid.queryOptions({ months: 6 }));
  return (
    <HydrateClient>
      <ScorecardGridClient />
    </HydrateClient>
  );
}
