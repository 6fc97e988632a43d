"use client";

import { PermittedLink } from "@/components/shell/permitted-link";
import { RelativeTime } from "@/components/ui/relative-time";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { triageState } from "@/lib/noc";
import { ROUNDING_RULE, wholeFactors } from "@/lib/score-parts";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AlertRuns } from "./alert-runs";
import { AssignControls } from "./assign";
import { AlertDeviceSection } from "./device-section";
import { RESOLUTION_LABELS } from "./resolve-dialog";
import { ScoreBadge, SeverityBadge, TRIAGE_TIER } from "./parts";
import { useAlertRefresh } from "./use-alert-refresh";

export function AlertDetail({
  id,
  canOperate,
  onAcknowledge,
  onEscalate,
  onResolve,
  onClose,
}: {
  id: string;
  canOperate: boolean;
  /** the page's actions: they move the selection on and confirm with a toast (Undo) */
  onAcknowledge: () => void;
  /** asks first: escalating pages people */
  onEscalate: () => void;
  onResolve: () => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.alert.get.queryOptions({ id }));
  const refresh = useAlertRefresh();
  const start = useMutation(
    trpc.alert.start.mutationOptions({ onSuccess: (_, { id }) => refresh.alerts([id]) }),
  );
  const comment = useMutation(
    trpc.alert.comment.mutationOptions({ onSuccess: (_, { id }) => refresh.details([id]) }),
  );
  const [note, setNote] = useState("");
  const a = detail.data;
  const error = start.error ?? comment.error;
  if (!a) {
    return (
      <Card title="Alert">
        <p className="p-4 text-sm text-slate-500">
          {detail.isError ? "This alert is not available to you." : "Loading…"}
        </p>
      </Card>
    );
  }
  const open = a.status !== "resolved";
  return (
    <Card
      title={a.title}
      actions={
        <Button variant="ghost" onClick={onClose}>
          <span aria-hidden="true" className="sm:hidden">
            ←
          </span>
          Close
        </Button>
      }
    >
      <div className="space-y-4 p-4 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <ScoreBadge score={a.score} scoredBy={a.scoredBy} />
          <SeverityBadge severity={a.severity} />
          <Badge>{a.type.replaceAll("_", " ").toLowerCase()}</Badge>
          <Badge tone={open ? "sky" : "green"}>{a.status.replace("_", " ")}</Badge>
          {a.escalated ? <Badge tone="red">escalated</Badge> : null}
          {a.suppressedByWindowId ? <Badge tone="amber">suppressed by maintenance</Badge> : null}
        </div>
        <div className="text-slate-600">
          {a.site?.name} · {a.site?.client} · first seen <RelativeTime date={a.firstSeenAt} />,{" "}
          {a.occurrenceCount}× in all
        </div>
        {a.description ? <p className="whitespace-pre-wrap">{a.description}</p> : null}
        {a.ticket ? (
          <p className="rounded border border-slate-200 bg-slate-50 px-3 py-2">
            From ticket{" "}
            <PermittedLink
              className="font-medium text-sky-700 underline"
              href={`/sla?ticket=${a.ticket.id}`}
              fallback={
                <span className="font-medium">
                  #{a.ticket.number} {a.ticket.title}
                </span>
              }
            >
              #{a.ticket.number} {a.ticket.title}
            </PermittedLink>{" "}
            · {a.ticket.priority} · {a.ticket.status.replace("_", " ")}
            {a.ticket.probability !== null
              ? ` · breach risk ${Math.round(a.ticket.probability * 100)}%`
              : ""}
          </p>
        ) : null}

        <AlertDeviceSection alert={a} />

        <WhyScore score={a.score} scoredBy={a.scoredBy} factors={a.scoreFactors ?? []} />

        {open && canOperate ? (
          <AssignControls id={a.id} userId={a.assignedUserId} groupId={a.assignedGroupId} />
        ) : null}
        {open ? (
          <div className="flex flex-wrap gap-2">
            {a.status === "new" ? (
              <Button onClick={onAcknowledge}>
                Acknowledge
                <Key k="a" />
              </Button>
            ) : null}
            {a.status !== "in_progress" ? (
              <Button variant="secondary" onClick={() => start.mutate({ id: a.id })}>
                Start work
              </Button>
            ) : null}
            {canOperate ? (
              <Button variant="secondary" onClick={onEscalate}>
                Escalate…
                <Key k="e" />
              </Button>
            ) : null}
            <Button variant="secondary" onClick={onResolve}>
              Resolve
              <Key k="r" />
            </Button>
          </div>
        ) : (
          <p className="text-slate-600">
            Resolved {a.resolvedAt ? <RelativeTime date={a.resolvedAt} /> : null} as{" "}
            {a.resolution ? RESOLUTION_LABELS[a.resolution] : "—"}
            {a.resolutionNote ? ` — ${a.resolutionNote}` : ""}
          </p>
        )}
        {error ? (
          <p role="alert" className="text-red-700">
            {errorMessage(error)}
          </p>
        ) : null}

        <AlertRuns alertId={a.id} />
        <section>
          <h3 className="mb-1 font-semibold">Comments</h3>
          <ul className="space-y-1.5">
            {a.comments.map((c) => (
              <li key={c.id}>
                <span className="font-medium">{c.author ?? "someone"}</span>{" "}
                <span className="text-xs text-slate-500">
                  <RelativeTime date={c.createdAt} />
                </span>
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
          <form
            className="mt-2 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              comment.mutate({ id: a.id, body: note }, { onSuccess: () => setNote("") });
            }}
          >
            <input
              aria-label="Comment"
              className="flex-1 rounded-md border border-slate-300 px-2 py-1"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Add a comment"
            />
            <Button type="submit" variant="secondary" disabled={!note.trim() || comment.isPending}>
              Post
            </Button>
          </form>
        </section>

        <section>
          <h3 className="mb-1 font-semibold">At this site in the last 24 h</h3>
          {a.related.length ? (
            <ul className="space-y-1">
              {a.related.map((r) => (
                <li key={r.id} className="flex items-center gap-2">
                  <ScoreBadge score={r.score} scoredBy={r.scoredBy} />{" "}
                  <span className="min-w-0 truncate">{r.title}</span>
                  <span className="text-xs text-slate-500">{r.status}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">Nothing else.</p>
          )}
          <p className="mt-1 text-xs text-slate-500">
            False-alarm rate here, 30 days:{" "}
            {a.falseAlarm.rate === null
              ? "no resolved alerts"
              : `${Math.round(a.falseAlarm.rate * 100)}% of ${a.falseAlarm.resolved}`}
          </p>
        </section>

        <section>
          <h3 className="mb-1 font-semibold">Timeline</h3>
          <ol aria-label="Timeline" className="space-y-1 border-l border-slate-200 pl-3 text-xs">
            {a.timeline.map((e) => (
              <li key={e.id}>
                <span className="font-medium">{e.action.replace("alert.", "")}</span> by{" "}
                {e.actorLabel} · {formatDateTime(e.createdAt)}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Card>
  );
}

/** A button's key, for a keyboard: hidden on a phone (its name keeps it for everyone else). */
function Key({ k }: { k: string }) {
  return <span className="hidden md:inline"> ({k})</span>;
}

/**
 * The one explanation of a score: "Why 92", its factors in whole points that add up to it
 * (lib/score-parts.ts), and who scored it; or why there is no score.
 */
function WhyScore({
  score,
  scoredBy,
  factors,
}: {
  score: number | null;
  scoredBy: string | null;
  factors: { key: string; label: string; points: number }[];
}) {
  const state = triageState({ score, scoredBy });
  if (score === null || state !== "scored")
    return (
      <section aria-labelledby="why-heading">
        <h3 id="why-heading" className="mb-1 font-semibold">
          {state === "pending" ? "Scoring…" : "No AI triage on this plan"}
        </h3>
        <p className="text-xs text-slate-500">
          {state === "pending"
            ? "Triage scores, routes and escalates new alerts within seconds."
            : `${TRIAGE_TIER} and above include it. The queue ranks this alert by severity and age.`}
        </p>
      </section>
    );
  const parts = wholeFactors(factors, score);
  const max = Math.max(1, ...parts.map((f) => f.points));
  return (
    <section aria-labelledby="why-heading">
      <h3 id="why-heading" className="mb-1 font-semibold">
        Why {score}
      </h3>
      <p className="mb-2 text-xs text-slate-500" title={ROUNDING_RULE}>
        Scored by {scoredBy ?? "—"} · the points add up to {score}
      </p>
      <ul className="space-y-1">
        {parts.map((f) => (
          <li key={f.key} className="grid grid-cols-[1fr_auto] items-center gap-2">
            <div>
              <div className="flex justify-between text-xs">
                <span>{f.label}</span>
                <span className="tabular-nums font-medium">+{f.points}</span>
              </div>
              <div className="h-1.5 rounded bg-slate-100">
                <div
                  className="h-1.5 rounded bg-sky-600"
                  style={{ width: `${(f.points / max) * 100}%` }}
                />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
