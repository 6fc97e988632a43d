import type { TicketStatus } from "@/lib/sla";
import { WORK_ORDER_STATUS_LABELS, type WorkOrderStatus } from "@/lib/work-orders";
import { Badge, type Tone } from "./badge";

const WORK_ORDER_TONES: Record<WorkOrderStatus, Tone> = {
  new: "violet",
  assigned: "sky",
  accepted: "sky",
  in_progress: "amber",
  on_hold: "red",
  completed: "green",
  verified: "slate",
  cancelled: "slate",
};

const TICKET_TONES: Record<TicketStatus, Tone> = {
  open: "sky",
  in_progress: "violet",
  pending_customer: "amber",
  resolved: "green",
  closed: "slate",
};

/** A work order's or a ticket's status as a badge, in words (colour is never the only signal). */
export function StatusBadge(
  props:
    | { kind: "workOrder"; status: WorkOrderStatus }
    | { kind: "ticket"; status: TicketStatus; paused?: boolean },
) {
  if (props.kind === "workOrder")
    return (
      <Badge tone={WORK_ORDER_TONES[props.status]}>{WORK_ORDER_STATUS_LABELS[props.status]}</Badge>
    );
  return (
    <Badge tone={TICKET_TONES[props.status]}>
      {props.status.replaceAll("_", " ")}
      {props.paused ? " · clock paused" : ""}
    </Badge>
  );
}
