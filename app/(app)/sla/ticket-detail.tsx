"use client";

import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useMemo } from "react";
import { ProbabilityHistory } from "@/components/charts/sla-charts";
import { factorBars } from "@/components/charts/sla-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { RelativeTime } from "@/components/ui/relative-time";
import { can } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { TicketComments } from "./comments";
import { ExplainSla } from "./explain-sla";
import { StatusBadge } from "@/components/ui/status-badge";
import { BreachedBadge, Countdown, PriorityBadge, ProbabilityBadge } from "./parts";
import { TicketActions } from "./ticket-actions";
import { useClock } from "./use-clock";

const notAvailable = (err: unknown) =>
  err instanceof TRPCClientError &&
  ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(
    (err.data as { code?: string } | undefined)?.code ?? "",
  );

/** The selected ticket: what it is, why its probability, and its SLA explained. */
export function TicketDetail({
  id,
  role,
  onClose,
}: {
  id: string;
  role: Role | undefined;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const helpdesk = can(role, "ticket.work");
  const detail = useQuery({
    ...trpc.ticket.get.queryOptions({ id }),
    retry: (n, err) => !notAvailable(err) && n < 2,
  });
  const people = useQuery({ ...trpc.ticket.assignees.queryOptions(), enabled: helpdesk });
  const names = useMemo(
    () => new Map((people.data ?? []).map((p) => [p.id, p.name])),
    [people.data],
  );
  const d = detail.data;
  const locked = lockedFeature(detail.error);
  if (!d) {
    return (
      <Card
        title="Ticket"
        actions={
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        }
      >
        {locked ? (
          <div className="p-4">
            <Locked feature={locked}>{detail.error?.message}</Locked>
          </div>
        ) : (
          <p className="p-4 text-sm text-slate-500">
            {detail.isError ? "This ticket is not available to you." : "Loading…"}
          </p>
        )}
      </Card>
    );
  }
  const t = d.ticket;
  const open = !["resolved", "closed"].includes(t.status);
  const bars = factorBars(d.factors);
  const breached = open && Boolean(d.sla?.resolution.breached);
  const p = t.breachProbability;
  return (
    <Card
      title={`#${t.number} ${t.title}`}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className="space-y-4 p-4 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          {breached ? <BreachedBadge /> : <ProbabilityBadge probability={p} />}
          <PriorityBadge priority={t.priority} escalationLevel={t.escalationLevel} />
          <StatusBadge kind="ticket" status={t.status} paused={Boolean(t.pausedSince)} />
          <Badge>{t.category}</Badge>
        </div>
        <div className="text-slate-600">
          {d.clientName} · {d.siteName} · asked by {t.requester} · opened{" "}
          <RelativeTime date={t.createdAt} /> · {d.assigneeName ?? "unassigned"}
        </div>
        {open ? (
          <div className="flex flex-wrap items-baseline gap-x-2 rounded-md border border-slate-200 px-3 py-2">
            <span className="text-slate-600">Resolution</span>
            <span className="text-base">
              <Countdown
                dueAt={d.sla?.resolution.dueAt ?? t.resolutionDueAt}
                pausedSince={t.pausedSince}
              />
            </span>
          </div>
        ) : null}
        {t.description ? <p className="whitespace-pre-wrap">{t.description}</p> : null}

        {helpdesk ? (
          <TicketActions
            id={t.id}
            status={t.status}
            assigneeId={t.assigneeId}
            priority={t.priority}
            canChangePriority={can(role, "ticket.setPriority")}
          />
        ) : null}

        <section aria-label={`Why ${p === null ? "unscored" : p.toFixed(2)}`}>
          <h3 className="mb-1 font-semibold">Why {p === null ? "—" : p.toFixed(2)}</h3>
          <p className="mb-2 text-xs text-slate-500">
            {t.predictedAt ? (
              <>
                Scored by {t.scoredBy ?? "—"} every 15 minutes; this figure set{" "}
                <RelativeTime date={t.predictedAt} /> (it is rewritten when it moves by 0.01)
              </>
            ) : (
              "Not scored yet: the next prediction run scores it."
            )}
          </p>
          {bars.length ? (
            <ul className="space-y-1">
              {bars.map((f) => (
                <li key={f.key}>
                  <div className="flex justify-between gap-2 text-xs">
                    <span>{f.label}</span>
                    <span className="font-medium tabular-nums">+{f.weight.toFixed(2)}</span>
                  </div>
                  <div className="h-1.5 rounded bg-slate-100">
                    <div
                      className="h-1.5 rounded bg-sky-600"
                      style={{ width: `${f.share * 100}%` }}
                    />
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <ProbabilityHistory
          rows={d.history}
          until={open ? new Date() : (t.resolvedAt ?? t.closedAt)}
          timeZone={d.timeZone}
        />

        <LiveExplain detail={d} people={names} />

        <TicketComments id={t.id} comments={d.comments} />
      </div>
    </Card>
  );
}

/** The explanation needs "now" (what is still ahead); only the browser's clock gives it. */
function LiveExplain(props: Omit<React.ComponentProps<typeof ExplainSla>, "now">) {
  const now = useClock();
  return now === null ? null : <ExplainSla {...props} now={now} />;
}
