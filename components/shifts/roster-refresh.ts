"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/**
 * After a roster write: refetch the roster's lists (the form closes once they show the change),
 * and, without waiting, the schedule and the audit trail (the rebuild's own live push refetches
 * the schedule again once the new shifts exist).
 */
export function useRosterRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return async () => {
    void qc.invalidateQueries(trpc.shift.pathFilter());
    void qc.invalidateQueries(trpc.audit.pathFilter());
    await qc.invalidateQueries(trpc.roster.pathFilter());
  };
}
