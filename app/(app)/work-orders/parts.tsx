import { Badge, type Tone } from "@/components/ui/badge";
import { formatDate, formatDuration } from "@/lib/format";
import {
  WORK_ORDER_CATEGORY_LABELS,
  type WorkOrderAction,
  type WorkOrderCategory,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from "@/lib/work-orders";

const PRIORITY_TONES: Record<WorkOrderPriority, Tone> = {
  low: "slate",
  normal: "slate",
  high: "amber",
  urgent: "red",
};

export function PriorityBadge({ priority }: { priority: WorkOrderPriority }) {
  return <Badge tone={PRIORITY_TONES[priority]}>{priority}</Badge>;
}

export const categoryLabel = (c: string) => WORK_ORDER_CATEGORY_LABELS[c as WorkOrderCategory] ?? c;

/** What staff see on the button for each lifecycle step. */
export const ACTION_LABELS: Record<WorkOrderAction, string> = {
  assign: "Assign",
  reassign: "Reassign",
  accept: "Mark accepted",
  start: "Mark started",
  resume: "Resume",
  hold: "Put on hold",
  complete: "Mark completed",
  cancel: "Cancel order",
  verify: "Verify and rate",
  send_back: "Send back to the vendor",
  reopen: "Reopen as rework",
};

/** "Due in 3 h" / "4 h overdue" for open orders; nothing when there is no due time. */
export function DueLabel({
  dueAt,
  status,
  now = new Date(),
  timeZone,
}: {
  dueAt: Date | null;
  status: WorkOrderStatus;
  now?: Date;
  /** the site's zone, for a closed order's date */
  timeZone?: string | undefined;
}) {
  if (!dueAt) return <span className="text-slate-400">—</span>;
  const closed = ["completed", "verified", "cancelled"].includes(status);
  const ms = dueAt.getTime() - now.getTime();
  const span = formatDuration(ms, { precision: "min", daysFromHours: 48 });
  if (closed) return <span className="text-slate-500">{formatDate(dueAt, { timeZone })}</span>;
  return ms < 0 ? (
    <span className="font-medium text-red-700" suppressHydrationWarning>
      {span} overdue
    </span>
  ) : (
    <span
      className={ms < 4 * 3600_000 ? "text-amber-700" : "text-slate-700"}
      suppressHydrationWarning
    >
      in {span}
    </span>
  );
}
