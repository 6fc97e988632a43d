import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/** Refetches every work-order query (the list and the open detail) after a change. */
export function useRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries(trpc.workOrder.pathFilter());
}
