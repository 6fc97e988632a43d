"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunApproval } from "@/components/playbooks/run-approval";
import { RunStatusBadge, RunSteps } from "@/components/playbooks/run-parts";
import { alertTypeLabel } from "@/components/playbooks/trigger-fields";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDateTime, formatElapsed } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useTRPC } from "@/lib/trpc/client";

/** One run: its alert, its approval, and each step as it happens (kept live by the stream). */
export function RunClient({ id }: { id: string }) {
  const trpc = useTRPC();
  const now = useNow(1_000);
  const run = useQuery(trpc.playbook.run.queryOptions({ id }));
  const r = run.data;
  if (!r)
    return (
      <p className="text-sm text-slate-500">
        {run.isError ? "This run is not available to you." : "Loading…"}
      </p>
    );
  return (
    <>
      <PageHeader
        title={`${r.playbookName} · run`}
        description={`Version ${r.version} on “${r.alertTitle}” (${alertTypeLabel(r.alertType)}) at ${r.siteName}.`}
        actions={
          <Link href="/playbooks" className="text-sm text-sky-700 underline">
            All playbooks
          </Link>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="space-y-4 lg:col-start-2 lg:row-start-1">
          <Card title="Run">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 p-4 text-sm">
              <dt className="text-slate-500">Status</dt>
              <dd>
                <RunStatusBadge status={r.status} />
              </dd>
              <dt className="text-slate-500">Alert</dt>
              <dd className="min-w-0 break-words">
                <PermittedLink
                  href={`/noc?alert=${r.alertId}`}
                  className="text-sky-800 underline"
                  fallback={r.alertTitle}
                >
                  {r.alertTitle}
                </PermittedLink>
              </dd>
              <dt className="text-slate-500">Created</dt>
              <dd suppressHydrationWarning>{formatDateTime(r.createdAt)}</dd>
              <dt className="text-slate-500">Started</dt>
              <dd suppressHydrationWarning>
                {r.startedAt ? formatDateTime(r.startedAt) : "not yet"}
              </dd>
              <dt className="text-slate-500">{r.finishedAt ? "Ended" : "Running for"}</dt>
              <dd suppressHydrationWarning>
                {r.finishedAt
                  ? `${formatDateTime(r.finishedAt)}${r.startedAt ? ` (${formatElapsed(r.startedAt, r.finishedAt, now)})` : ""}`
                  : r.startedAt
                    ? formatElapsed(r.startedAt, null, now)
                    : "—"}
              </dd>
              <dt className="text-slate-500">Progress</dt>
              <dd>
                {r.currentStep === null
                  ? `${r.steps.filter((s) => s.status === "succeeded").length} of ${r.stepCount} steps done`
                  : `step ${r.currentStep + 1} of ${r.stepCount}`}
              </dd>
              {r.resolvedAlert ? (
                <>
                  <dt className="text-slate-500">Outcome</dt>
                  <dd>resolved the alert automatically</dd>
                </>
              ) : null}
            </dl>
            {r.error ? (
              <p role="alert" className="border-t border-slate-200 px-4 py-2 text-sm text-red-700">
                {r.error}
              </p>
            ) : null}
          </Card>
          <RunApproval run={r} />
        </div>
        <div className="lg:col-start-1 lg:row-start-1">
          <Card title="Steps">
            <div className="p-4">
              <RunSteps steps={r.steps} now={now} />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
