"use client";

import { ClockStrip } from "@/components/charts/clock-strip";
import { formatDays, slaEvents, type SlaEventKind } from "@/components/charts/sla-timeline";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime, formatDay, formatMinutes } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type Detail = RouterOutputs["ticket"]["get"];
type Clock = NonNullable<Detail["sla"]>["resolution"];

/** Times of the ticket in its site's zone, named, with the weekday (business hours count). */
const inZone = (timeZone: string) => (d: Date) => formatDateTime(d, { timeZone, weekday: true });

const EVENT_TONE: Record<SlaEventKind, string> = {
  opened: "bg-sky-600",
  status: "bg-slate-400",
  paused: "bg-amber-400",
  resumed: "bg-sky-600",
  response: "bg-emerald-600",
  breach: "bg-red-600",
  assigned: "bg-slate-400",
  priority: "bg-violet-600",
  escalated: "bg-violet-600",
  due: "bg-white ring-2 ring-slate-400",
};

/**
 * Why the clock says what it says: the policy that matched and where it came from, the
 * calendar, both clocks with their paused and off-hours spans, and every event that moved
 * them — for a client or an auditor as much as for the helpdesk.
 */
export function ExplainSla({
  detail,
  now,
  people,
}: {
  detail: Detail;
  now: number;
  people?: ReadonlyMap<string, string>;
}) {
  const { sla, ticket, timeZone } = detail;
  const at = inZone(timeZone);
  if (!sla)
    return (
      <section aria-label="Explain this SLA">
        <h3 className="mb-1 font-semibold">Explain this SLA</h3>
        <p className="text-slate-500">No SLA clock for this ticket.</p>
      </section>
    );
  const { policy } = sla;
  const events = slaEvents({ ...detail, people }, now);
  return (
    <section aria-label="Explain this SLA" className="space-y-3">
      <h3 className="font-semibold">Explain this SLA</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-2.5 text-xs">
        <dt className="text-slate-500">Policy</dt>
        <dd>
          <span className="font-medium">{policy.priority}</span> · {policy.source}
        </dd>
        <dt className="text-slate-500">Targets</dt>
        <dd>
          respond in {formatMinutes(policy.responseMinutes)}, resolve in{" "}
          {formatMinutes(policy.resolutionMinutes)}
          {policy.calendar === "business" ? " of working time" : ""}
        </dd>
        <dt className="text-slate-500">Calendar</dt>
        <dd>
          {policy.calendar === "24x7"
            ? "24×7: every minute counts"
            : `business hours, ${formatDays(policy.businessDays)} ${policy.opensAt}–${policy.closesAt}`}
        </dd>
        <dt className="text-slate-500">Time zone</dt>
        <dd>{timeZone} (the site&apos;s)</dd>
        <dt className="text-slate-500">Holidays</dt>
        <dd>
          {sla.holidays.length
            ? `${sla.holidays.map((h) => formatDay(h, { year: true })).join(", ")}${policy.calendar === "24x7" ? " (not counted on a 24×7 calendar)" : ""}`
            : "none for this client"}
        </dd>
        <dt className="text-slate-500">Escalation</dt>
        <dd data-testid="escalation-rule">
          {sla.raises.length ? (
            <span className="block">
              {sla.raises
                .map((r) => `raised automatically ${r.fromPriority} → ${r.toPriority} ${at(r.at)}`)
                .join("; ")}
              ; the clocks count from {sla.basePriority}&apos;s targets before that.
            </span>
          ) : null}
          <span className="text-slate-600">
            An automatic raise only brings a due time forward, and only as far as the new
            priority&apos;s target counted from the moment of the raise: never into the past, so a
            raise never breaches a ticket retroactively (one already breached stays breached). A
            priority set by hand counts from the ticket&apos;s start.
          </span>
        </dd>
        <dt className="text-slate-500">Pauses</dt>
        <dd>
          {sla.pauses.length
            ? sla.pauses
                .map((p) => `${at(p.from)} → ${p.to ? at(p.to) : "now (paused)"}`)
                .join("; ")
            : "none"}
        </dd>
      </dl>

      <div className="grid gap-3 sm:grid-cols-2">
        <ClockCard
          name="Response"
          clock={sla.response}
          target={sla.response.usedMinutes + sla.response.remainingMinutes}
          stopped={ticket.firstResponseAt}
          stoppedLabel="responded"
          at={at}
        />
        <ClockCard
          name="Resolution"
          clock={sla.resolution}
          target={sla.resolution.usedMinutes + sla.resolution.remainingMinutes}
          stopped={ticket.resolvedAt}
          stoppedLabel="resolved"
          at={at}
        />
      </div>

      <div>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          SLA timeline
        </h4>
        <ol
          aria-label="SLA timeline"
          className="space-y-1.5 border-l border-slate-200 pl-3 text-xs"
        >
          {events.map((e, i) => (
            <li key={`${e.kind}-${e.at.getTime()}-${i}`} className="relative">
              <span
                aria-hidden="true"
                className={`absolute top-1 -left-[17px] size-2 rounded-full ${EVENT_TONE[e.kind]}`}
              />
              <span className={`font-medium ${e.kind === "breach" ? "text-red-700" : ""}`}>
                {e.title}
              </span>
              {e.upcoming ? <span className="text-slate-500"> (ahead)</span> : null}
              <div className="text-slate-500">
                {at(e.at)}
                {e.detail ? ` · ${e.detail}` : ""}
              </div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

function ClockCard({
  name,
  clock,
  target,
  stopped,
  stoppedLabel,
  at,
}: {
  name: string;
  clock: Clock;
  /** the governing clock's target: before an automatic raise, the earlier priority's */
  target: number;
  stopped: Date | null;
  stoppedLabel: string;
  at: (d: Date) => string;
}) {
  const state: [string, Tone] = clock.breached
    ? ["breached", "red"]
    : stopped
      ? ["met", "green"]
      : clock.paused
        ? ["paused", "amber"]
        : ["running", "sky"];
  return (
    <div
      role="group"
      aria-label={`${name} clock`}
      className="space-y-1.5 rounded-md border border-slate-200 p-2.5 text-xs"
    >
      <div className="flex items-center justify-between">
        <span className="font-semibold">{name}</span>
        <Badge tone={state[1]}>{state[0]}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-slate-500">Due</dt>
        <dd>{at(clock.dueAt)}</dd>
        <dt className="text-slate-500">Used</dt>
        <dd>
          {formatMinutes(clock.usedMinutes)} of {formatMinutes(target)} (
          {Math.round(clock.fractionUsed * 100)}%)
        </dd>
        <dt className="text-slate-500">{clock.remainingMinutes < 0 ? "Over by" : "Left"}</dt>
        <dd className={clock.remainingMinutes < 0 ? "font-medium text-red-700" : ""}>
          {formatMinutes(clock.remainingMinutes)}
        </dd>
        {clock.breachedAt ? (
          <>
            <dt className="text-slate-500">Breached</dt>
            <dd className="text-red-700">{at(clock.breachedAt)}</dd>
          </>
        ) : null}
        {stopped ? (
          <>
            <dt className="text-slate-500 capitalize">{stoppedLabel}</dt>
            <dd>{at(stopped)}</dd>
          </>
        ) : null}
        {clock.pausedMinutes > 0 ? (
          <>
            <dt className="text-slate-500">Paused</dt>
            <dd>{formatMinutes(clock.pausedMinutes)}</dd>
          </>
        ) : null}
      </dl>
      <ClockStrip label={`${name} clock`} spans={clock.spans} />
    </div>
  );
}
