import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { uuid } from "@/lib/schemas/common";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { siteFromSearch } from "../../../search-params";
import { PrintClient } from "./client";

export const metadata: Metadata = { title: "Checkpoint QR codes" };

export default async function TourPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!(await mayOpen(`/shifts/roster/tours/${id}/print`))) return <Forbidden />;
  if (!uuid.safeParse(id).success) notFound();
  const siteId = siteFromSearch(await searchParams);
  const input = siteId ? { siteId } : {};
  const qc = getQueryClient();
  const tours = await qc.fetchQuery(trpc.roster.tours.queryOptions(input));
  if (!tours.some((t) => t.id === id)) notFound();
  return (
    <HydrateClient>
      <PrintClient tourId={id} input={input} />
    </HydrateClient>
  );
}
