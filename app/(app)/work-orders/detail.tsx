"use client";

import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime, formatHours } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { OPEN_WORK_ORDER_STATUSES, WORK_ORDER_STATUS_LABELS } from "@/lib/work-orders";
import { Attachments, NoteForm } from "./attachments";
import { EditDetails } from "./edit-details";
import { NextSteps } from "./next-steps";
import { StatusBadge } from "@/components/ui/status-badge";
import { DueLabel, PriorityBadge, categoryLabel } from "./parts";
import { ReworkQuestion } from "./rework-question";
import { VendorSection } from "./vendor-section";

const notAvailable = (err: unknown) =>
  err instanceof TRPCClientError &&
  ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(
    (err.data as { code?: string } | undefined)?.code ?? "",
  );

/** The selected work order: what it is, who has it, what can happen next, and its history. */
export function WorkOrderDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.workOrder.get.queryOptions({ id }),
    retry: (n, err) => !notAvailable(err) && n < 2,
  });
  const d = detail.data;
  const close = (
    <Button variant="ghost" onClick={onClose}>
      Close
    </Button>
  );
  if (!d) {
    return (
      <Card title="Work order" actions={close}>
        <p className="p-4 text-sm text-slate-500">
          {detail.isError ? "This work order is not available to you." : "Loading…"}
        </p>
      </Card>
    );
  }
  const open = OPEN_WORK_ORDER_STATUSES.includes(d.status);
  const tz = d.siteTimeZone ?? undefined;
  return (
    <Card title={`#${d.number} ${d.title}`} actions={close}>
      <div className="space-y-5 p-4 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span data-testid="work-order-status">
            <StatusBadge kind="workOrder" status={d.status} />
          </span>
          <PriorityBadge priority={d.priority} />
          <Badge>{categoryLabel(d.category)}</Badge>
          {d.rework ? <Badge tone="red">rework</Badge> : null}
          {d.rating ? (
            <span aria-label={`Rated ${d.rating} of 5`} className="text-amber-600">
              {"★".repeat(d.rating)}
              <span className="text-slate-300">{"★".repeat(5 - d.rating)}</span>
            </span>
          ) : null}
        </div>
        <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-slate-700">
          <dt className="text-slate-500">Site</dt>
          <dd>
            {d.siteName} · {d.clientName}
            {d.siteAddress ? <div className="text-xs text-slate-500">{d.siteAddress}</div> : null}
          </dd>
          <dt className="text-slate-500">Requested</dt>
          <dd>
            {d.requesterName ?? "—"} · <RelativeTime date={d.createdAt} />
          </dd>
          <dt className="text-slate-500">Due</dt>
          <dd>
            {d.dueAt ? (
              <>
                {formatDateTime(d.dueAt, tz)} ·{" "}
                <DueLabel dueAt={d.dueAt} status={d.status} timeZone={tz} />
              </>
            ) : (
              "no due time"
            )}
          </dd>
          <dt className="text-slate-500">Estimate</dt>
          <dd>{d.estimateHours ? formatHours(d.estimateHours) : "—"}</dd>
          {d.startedAt ? (
            <>
              <dt className="text-slate-500">Started</dt>
              <dd>{formatDateTime(d.startedAt, tz)}</dd>
            </>
          ) : null}
          {d.completedAt ? (
            <>
              <dt className="text-slate-500">Completed</dt>
              <dd>
                {formatDateTime(d.completedAt, tz)}
                {d.startedAt ? (
                  <span className="text-slate-500">
                    {" "}
                    · {((d.completedAt.getTime() - d.startedAt.getTime()) / 3600_000).toFixed(1)} h
                    on site
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
        {d.description ? (
          <p className="whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2">{d.description}</p>
        ) : null}

        {d.possibleReworkOfOrder && d.reworkConfirmed === null ? (
          <ReworkQuestion id={d.id} earlier={d.possibleReworkOfOrder} />
        ) : null}

        <VendorSection id={d.id} status={d.status} vendor={d.vendor} link={d.link} />

        <NextSteps id={d.id} status={d.status} next={d.next} />

        {open ? <EditDetails order={d} /> : null}

        <Attachments id={d.id} attachments={d.attachments} />

        <NoteForm id={d.id} />

        <section aria-label="Timeline">
          <h3 className="mb-2 font-semibold">Timeline</h3>
          <ol className="space-y-2 border-l border-slate-200 pl-4">
            {[...d.events].reverse().map((e) => (
              <li key={e.id} className="relative">
                <span className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-slate-400" />
                <div className="text-slate-800">
                  {e.kind === "declined" ? (
                    <strong>Declined by the vendor</strong>
                  ) : e.kind === "on_my_way" ? (
                    <strong>Vendor on the way</strong>
                  ) : e.toStatus && e.kind !== "assign" ? (
                    <>
                      {e.fromStatus ? `${WORK_ORDER_STATUS_LABELS[e.fromStatus]} → ` : ""}
                      <strong>{WORK_ORDER_STATUS_LABELS[e.toStatus]}</strong>
                    </>
                  ) : e.kind === "note" ? (
                    <strong>Note</strong>
                  ) : e.kind === "attachment" ? (
                    <strong>Attachment</strong>
                  ) : null}
                  {e.note ? (
                    <span className="whitespace-pre-wrap">
                      {e.toStatus ||
                      ["note", "attachment", "declined", "on_my_way"].includes(e.kind)
                        ? " — "
                        : ""}
                      {e.note}
                    </span>
                  ) : null}
                </div>
                <div className="text-xs text-slate-500">
                  {e.actorLabel}
                  {e.tokenId ? " (vendor link)" : ""} · <RelativeTime date={e.at} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Card>
  );
}
