import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { can } from "@/lib/permissions";
import { getQueryClient, HydrateClient, serverCaller, trpc } from "@/server/api/rsc";
import { TargetsClient } from "./client";

export const metadata: Metadata = { title: "Contract targets" };

export default async function TargetsPage({ params }: { params: Promise<{ client: string }> }) {
  if (!(await mayOpen("/scorecards"))) return <Forbidden />;
  // the page sits under /scorecards (readers), but only target managers may edit
  const me = await (await serverCaller()).me.get().catch(() => null);
  if (!me || !can(me.role, "scorecard.targets.manage")) return <Forbidden />;
  const { client } = await params;
  const qc = getQueryClient();
  // a bad or foreign id shows the query's error on the page
  await Promise.all([
    qc.prefetchQuery(trpc.scorecard.targets.queryOptions({ clientId: client })),
    qc.prefetchQuery(trpc.scorecard.grid.queryOptions({ months: 6 })),
  ]);
  return (
    <HydrateClient>
      <TargetsClient clientId={client} />
    </HydrateClient>
  );
}
