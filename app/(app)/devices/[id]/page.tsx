import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { uuid } from "@/lib/schemas/common";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { DeviceClient } from "./client";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await mayOpen("/devices"))) return <Forbidden />;
  if (!uuid.safeParse(id).success) notFound();
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.device.get.queryOptions({ id })),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <DeviceClient id={id} />
    </HydrateClient>
  );
}
