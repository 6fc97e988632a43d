import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/page-guard.server";
import { HydrateClient } from "@/server/api/rsc";
import { loadTour } from "../load-tour";
import { TourClient } from "./client";

export const metadata: Metadata = { title: "Guard tour" };

export default async function TourPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const tour = await loadTour(id, `/shifts/roster/tours/${id}`, await searchParams);
  if (tour.forbidden) return <Forbidden />;
  return (
    <HydrateClient>
      <TourClient tourId={id} input={tour.input} />
    </HydrateClient>
  );
}
