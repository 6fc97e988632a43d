"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { can } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { STEP_KIND_LABELS } from "@/lib/schemas/playbooks";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { percent } from "./figures";
import { RunStatusBadge } from "./run-parts";
import { alertTypeLabel } from "./trigger-fields";

type Playbook = RouterOutputs["playbook"]["list"][number];

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" title={hint}>
        {value}
      </dd>
      <dd className="text-xs text-slate-500">{hint}</dd>
    </div>
  );
}

/** One playbook on the list: its state, figures, last runs and (by role) its switches. */
export function PlaybookCard({
  playbook: p,
  role,
}: {
  playbook: Playbook;
  role: Role | undefined;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries(trpc.playbook.pathFilter());
  const setEnabled = useMutation(trpc.playbook.setEnabled.mutationOptions({ onSuccess }));
  const kill = useMutation(trpc.playbook.kill.mutationOptions({ onSuccess }));
  const [confirming, setConfirming] = useState(false);
  const canManage = can(role, "playbook.manage");
  const canKill = can(role, "playbook.kill");
  const s = p.stats;
  const finished = s.succeeded + s.failed;
  const headingId = `playbook-${p.id}`;
  const state = p.killedAt ? "killed" : p.enabled ? "enabled" : "disabled";
  const error = setEnabled.error ?? kill.error;
  return (
    <article
      aria-labelledby={headingId}
      className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold">
            {canManage ? (
              <Link href={`/playbooks/${p.id}`} className="text-sky-800 hover:underline">
                {p.name}
              </Link>
            ) : (
              p.name
            )}
          </h2>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
            <Badge tone={state === "enabled" ? "green" : state === "killed" ? "red" : "slate"}>
              {state}
            </Badge>
            <span>version {p.currentVersion}</span>
            {p.requiresApproval ? <Badge tone="amber">needs approval</Badge> : null}
            {p.killedAt ? (
              <span>
                stopped <RelativeTime date={p.killedAt} />
              </span>
            ) : null}
          </div>
          <p className="mt-1 text-xs text-slate-600">
            On {p.alertTypes.map(alertTypeLabel).join(", ")}
            {p.afterHoursOnly ? " after hours" : ""} →{" "}
            {p.stepKinds.map((k) => STEP_KIND_LABELS[k]).join(" → ")}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canManage ? (
            <button
              type="button"
              role="switch"
              aria-checked={p.enabled}
              aria-label={`Enabled: ${p.name}`}
              disabled={setEnabled.isPending}
              onClick={() => setEnabled.mutate({ id: p.id, enabled: !p.enabled })}
              className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-50"
            >
              <span
                aria-hidden="true"
                className={`relative inline-block h-5 w-9 rounded-full transition-colors ${p.enabled ? "bg-emerald-600" : "bg-slate-300"}`}
              >
                <span
                  className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-all ${p.enabled ? "left-4.5" : "left-0.5"}`}
                />
              </span>
              {p.enabled ? "On" : "Off"}
            </button>
          ) : null}
          {canKill && !p.killedAt ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Kill switch
            </Button>
          ) : null}
        </div>
      </header>
      <div className="space-y-3 px-4 py-3">
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Figure
            label="Runs"
            value={String(s.runs)}
            hint={
              s.skippedGuardrail
                ? `${s.skippedGuardrail} skipped by the guardrail`
                : s.awaitingApproval
                  ? `${s.awaitingApproval} awaiting approval`
                  : "started"
            }
          />
          <Figure
            label="Success rate"
            value={percent(s.successRate)}
            hint={finished ? `${s.succeeded} of ${finished} finished` : "none finished yet"}
          />
          <Figure
            label="Auto-resolution"
            value={percent(s.autoResolutionRate)}
            hint={`${s.autoResolved} alerts resolved`}
          />
          <Figure
            label="False actions"
            value={percent(s.falseActionRate)}
            hint={`${s.reopened} of ${s.autoResolved} reopened`}
          />
        </dl>
        <section aria-label={`Last runs of ${p.name}`}>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Last runs
          </h3>
          {p.lastRuns.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {p.lastRuns.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-1.5">
                  <RunStatusBadge status={r.status} />
                  <Link
                    href={`/playbooks/runs/${r.id}`}
                    className="min-w-0 flex-1 truncate text-sky-800 hover:underline"
                  >
                    {r.alertTitle}
                  </Link>
                  <span className="text-xs text-slate-500">
                    {r.siteName} · <RelativeTime date={r.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No runs yet.</p>
          )}
        </section>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(error)}
          </p>
        ) : null}
      </div>
      {confirming ? (
        <Dialog label={`Stop ${p.name}?`} onClose={() => setConfirming(false)}>
          <p className="mt-2 text-sm text-slate-700">
            The playbook starts no new runs, and every run of it not finished yet — running,
            sleeping between checks or awaiting approval — is cancelled before its next step.
            {canManage ? " Enabling it again lifts the stop." : " An admin can enable it again."}
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
              Keep it running
            </Button>
            <Button
              variant="danger"
              disabled={kill.isPending}
              onClick={() => kill.mutate({ id: p.id }, { onSettled: () => setConfirming(false) })}
            >
              Stop it now
            </Button>
          </div>
        </Dialog>
      ) : null}
    </article>
  );
}
