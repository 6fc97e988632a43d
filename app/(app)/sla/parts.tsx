"use client";

import { countdown, riskLevel } from "@/components/charts/sla-data";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import { TICKET_NEXT_STATUSES, type TicketPriority, type TicketStatus } from "@/lib/sla";
import { useClock } from "./use-clock";

export const words = (s: string) => s.replaceAll("_", " ");

/** "0.86 at risk": the number and its level, so colour is never the only signal. */
export function ProbabilityBadge({ probability }: { probability: number | null }) {
  const { level, tone } = riskLevel(probability);
  return (
    <span title="Breach probability from the last prediction run">
      <Badge tone={tone}>
        {probability === null ? level : `${probability.toFixed(2)} · ${level}`}
      </Badge>
    </span>
  );
}

/** In place of a probability once a ticket is past its resolution target: not "at risk" any more. */
export function BreachedBadge() {
  return (
    <span title="Past its resolution target: breached, whatever the last probability said">
      <Badge tone="red">breached</Badge>
    </span>
  );
}

const PRIORITY_TONE: Record<TicketPriority, Tone> = {
  P1: "red",
  P2: "amber",
  P3: "sky",
  P4: "slate",
};
export function PriorityBadge({
  priority,
  escalationLevel = 0,
}: {
  priority: TicketPriority;
  escalationLevel?: number;
}) {
  return (
    <span className="inline-flex items-center gap-1">
      <Badge tone={PRIORITY_TONE[priority]}>{priority}</Badge>
      {escalationLevel > 0 ? (
        <span title={`Escalated automatically ${escalationLevel}×`}>
          <Badge tone="violet">↑{escalationLevel}</Badge>
        </span>
      ) : null}
    </span>
  );
}

const COUNTDOWN_CLASS = {
  breached: "font-semibold text-red-700",
  soon: "font-medium text-amber-700",
  running: "text-slate-700",
  paused: "text-amber-700",
  none: "text-slate-400",
} as const;

/** Live time to the resolution due time; blank until the browser's clock takes over. */
export function Countdown({
  dueAt,
  pausedSince,
}: {
  dueAt: Date | null;
  pausedSince: Date | null;
}) {
  const now = useClock();
  const c = now === null ? null : countdown(dueAt, now, pausedSince);
  return (
    <span
      suppressHydrationWarning
      data-testid="countdown"
      data-state={c?.state ?? "pending"}
      data-seconds={now !== null && dueAt ? Math.round((dueAt.getTime() - now) / 1000) : undefined}
      title={dueAt ? `Resolution due ${formatDateTime(dueAt, { zone: true })}` : undefined}
      className={`whitespace-nowrap tabular-nums ${c ? COUNTDOWN_CLASS[c.state] : ""}`}
    >
      {c?.text ?? "…"}
    </span>
  );
}

/** The buttons for moving a ticket on, with what each does to the clock. */
export function statusActions(from: TicketStatus): { to: TicketStatus; label: string }[] {
  const done = from === "resolved" || from === "closed";
  return TICKET_NEXT_STATUSES[from].map((to) => ({
    to,
    label:
      to === "in_progress"
        ? done
          ? "Reopen and work"
          : "Start work"
        : to === "open"
          ? done
            ? "Reopen"
            : "Back to open"
          : to === "pending_customer"
            ? "Wait for customer (pauses clock)"
            : to === "resolved"
              ? "Resolve"
              : "Close",
  }));
}
