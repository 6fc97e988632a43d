"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { TICKET_PRIORITIES, type TicketPriority, type TicketStatus } from "@/lib/sla";
import { ROLE_LABELS } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { statusActions } from "./parts";
import { useTicketRefresh } from "./use-ticket-refresh";

/** Status moves, assignment and (for admins and supervisors) priority, for helpdesk roles. */
export function TicketActions({
  id,
  status,
  assigneeId,
  priority,
  canChangePriority,
}: {
  id: string;
  status: TicketStatus;
  assigneeId: string | null;
  priority: TicketPriority;
  canChangePriority: boolean;
}) {
  const trpc = useTRPC();
  const people = useQuery(trpc.ticket.assignees.queryOptions());
  const refresh = useTicketRefresh();
  const setStatus = useMutation(trpc.ticket.setStatus.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.ticket.assign.mutationOptions({ onSuccess: refresh }));
  const setPriority = useMutation(trpc.ticket.setPriority.mutationOptions({ onSuccess: refresh }));
  const error = setStatus.error ?? assign.error ?? setPriority.error;
  return (
    <div className="space-y-2" role="group" aria-label="Ticket actions">
      <div className="flex flex-wrap gap-2">
        {statusActions(status).map((a) => (
          <Button
            key={a.to}
            variant={a.to === "resolved" || a.to === "in_progress" ? "primary" : "secondary"}
            disabled={setStatus.isPending}
            onClick={() => setStatus.mutate({ id, status: a.to })}
          >
            {a.label}
          </Button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs text-slate-600">
          Assignee
          <Select
            aria-label="Assignee"
            value={assigneeId ?? ""}
            disabled={assign.isPending}
            onChange={(e) => assign.mutate({ id, assigneeId: e.target.value || null })}
          >
            <option value="">Nobody</option>
            {people.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({ROLE_LABELS[p.role]})
              </option>
            ))}
          </Select>
        </label>
        {canChangePriority ? (
          <label className="text-xs text-slate-600">
            Priority
            <Select
              aria-label="Priority"
              value={priority}
              disabled={setPriority.isPending}
              onChange={(e) =>
                setPriority.mutate({ id, priority: e.target.value as TicketPriority })
              }
            >
              {TICKET_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
