"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/**
 * After a roster write: refetch the roster, the schedule (the rebuild's own push refetches it
 * again once the new shifts exist) and the audit trail.
 */
export function useRosterRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries(trpc.roster.pathFilter()),
      qc.invalidateQueries(trpc.shift.pathFilter()),
      qc.invalidateQueries(trpc.audit.pathFilter()),
    ]);
  };
}
