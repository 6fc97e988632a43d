"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Select } from "@/components/ui/field";
import { ROLE_LABELS } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useAlertRefresh } from "./use-alert-refresh";
import { useQueueToast } from "./use-queue-actions";

/** Assign an alert to a person and/or a group. */
export function AssignControls({
  id,
  userId,
  groupId,
}: {
  id: string;
  userId: string | null;
  groupId: string | null;
}) {
  const trpc = useTRPC();
  const options = useQuery(trpc.alert.assignees.queryOptions());
  const refresh = useAlertRefresh();
  const toast = useQueueToast();
  const assign = useMutation(
    trpc.alert.assign.mutationOptions({
      onSuccess: ({ changed }, input) => {
        void refresh.alerts([input.id]);
        if (!changed || !toast) return;
        const who =
          input.userId !== undefined
            ? (options.data?.people.find((p) => p.id === input.userId)?.name ?? "nobody")
            : (options.data?.teams.find((g) => g.id === input.groupId)?.name ?? "no group");
        toast.assigned(input.id, `Assigned to ${who}`);
      },
    }),
  );
  return (
    <div className="grid grid-cols-2 gap-2">
      <label className="text-xs text-slate-600">
        Assignee
        <Select
          aria-label="Assignee"
          value={userId ?? ""}
          onChange={(e) => assign.mutate({ id, userId: e.target.value || null })}
        >
          <option value="">Nobody</option>
          {options.data?.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({ROLE_LABELS[p.role]})
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-600">
        Group
        <Select
          aria-label="Group"
          value={groupId ?? ""}
          onChange={(e) => assign.mutate({ id, groupId: e.target.value || null })}
        >
          <option value="">No group</option>
          {options.data?.teams.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </label>
      {assign.error ? (
        <p role="alert" className="col-span-2 text-xs text-red-700">
          {errorMessage(assign.error)}
        </p>
      ) : null}
    </div>
  );
}
