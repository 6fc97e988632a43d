"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Refetches the page's ticket queries after a change here. Live updates do it too, but
 * this keeps the person who made the change from waiting on the round trip through them.
 */
export function useTicketRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => void qc.invalidateQueries(trpc.ticket.pathFilter());
}
