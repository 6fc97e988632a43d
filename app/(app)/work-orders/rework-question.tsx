"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useRefresh } from "./use-refresh";

export function ReworkQuestion({
  id,
  earlier,
}: {
  id: string;
  earlier: { id: string; number: number; title: string };
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const confirm = useMutation(trpc.workOrder.confirmRework.mutationOptions({ onSuccess: refresh }));
  return (
    <div
      role="group"
      aria-label="Possible rework"
      className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-300"
    >
      <p className="text-amber-900">
        Possibly a rework: #{earlier.number} {earlier.title} at this site and category was verified
        less than 14 days ago. Is this the same fault coming back?
      </p>
      <div className="mt-2 flex gap-2">
        <Button
          variant="secondary"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate({ id, confirmed: true })}
        >
          Yes, count it as rework
        </Button>
        <Button
          variant="ghost"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate({ id, confirmed: false })}
        >
          No, a new fault
        </Button>
      </div>
      {confirm.error ? <p className="mt-1 text-red-700">{errorMessage(confirm.error)}</p> : null}
    </div>
  );
}
