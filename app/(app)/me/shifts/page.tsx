import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { MyShiftsClient } from "./client";

export const metadata: Metadata = { title: "My shifts" };

export default async function MyShiftsPage() {
  if (!(await mayOpen("/me/shifts"))) return <Forbidden />;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.myShift.list.queryOptions()),
    qc.prefetchQuery(trpc.myShift.tours.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <MyShiftsClient />
    </HydrateClient>
  );
}
