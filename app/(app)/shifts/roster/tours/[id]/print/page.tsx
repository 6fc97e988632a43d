import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/page-guard.server";
import { HydrateClient } from "@/server/api/rsc";
import { loadTour } from "../../load-tour";
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
  const tour = await loadTour(id, `/shifts/roster/tours/${id}/print`, await searchParams);
  if (tour.forbidden) return <Forbidden />;
  return (
    <HydrateClient>
      <PrintClient tourId={id} input={tour.input} />
    </HydrateClient>
  );
}
