"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Refetches the rules and windows after a change here (and marks alert queries stale: a
 * window suppresses or releases alerts), without waiting on the live stream.
 */
export function useRulesRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries(trpc.nocSettings.pathFilter()),
      qc.invalidateQueries(trpc.alert.pathFilter()),
    ]);
}
