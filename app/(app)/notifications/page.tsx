import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { NotificationsClient } from "./client";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.notification.inbox.queryOptions({ limit: 100 })),
    qc.prefetchQuery(trpc.me.get.queryOptions()),
    qc.prefetchQuery(trpc.notification.preferences.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <NotificationsClient />
    </HydrateClient>
  );
}
