"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Refetches what a change to alerts shows on this page, once the change is made. The live
 * stream brings the change too, but the person who made it sees it from the mutation itself,
 * without waiting on the stream (or having it: a stream that is down).
 */
export function useAlertRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useMemo(() => {
    /** the open detail panels of these alerts (comments, timeline) */
    const details = (ids: readonly string[]) =>
      Promise.all(ids.map((id) => qc.invalidateQueries(trpc.alert.get.queryFilter({ id }))));
    /** after a change of state, assignee or escalation: the queue, its header and the panels */
    const alerts = (ids: readonly string[]) =>
      Promise.all([
        qc.invalidateQueries(trpc.alert.list.pathFilter()),
        qc.invalidateQueries(trpc.alert.stats.pathFilter()),
        details(ids),
      ]);
    return { details, alerts };
  }, [qc, trpc]);
}
