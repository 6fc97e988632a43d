"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunApproval } from "@/components/playbooks/run-approval";
import { RunStatusBadge, RunSteps } from "@/components/playbooks/run-parts";
import { useNow } from "@/lib/hooks/use-now";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";

type RunSummary = RouterOutputs["playbook"]["runs"][number];

/**
 * The playbook runs against an alert, each step by step, for the roles that see playbooks. The
 * live stream's playbook topic refetches them as steps start, wait and finish.
 */
export function AlertRuns({ alertId }: { alertId: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const allowed = can(me.data?.role, "playbook.view");
  const runs = useQuery({
    ...trpc.playbook.runs.queryOptions({ alertId, limit: 10 }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <section aria-labelledby={`runs-${alertId}`}>
      <h3 id={`runs-${alertId}`} className="mb-1 font-semibold">
        Playbook runs
      </h3>
      {runs.isError ? (
        <p className="text-slate-500">The runs could not be loaded.</p>
      ) : !runs.data ? (
        <p className="text-slate-500">Loading…</p>
      ) : runs.data.length === 0 ? (
        <p className="text-slate-500">No playbook has run on this alert.</p>
      ) : (
        <ul className="space-y-3">
          {runs.data.map((r) => (
            <li key={r.id}>
              <AlertRun summary={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertRun({ summary }: { summary: RunSummary }) {
  const trpc = useTRPC();
  const now = useNow(1_000);
  const run = useQuery(trpc.playbook.run.queryOptions({ id: summary.id }));
  return (
    <div
      role="group"
      aria-label={`Run of ${summary.playbookName}`}
      className="rounded-md border border-slate-200 p-2"
    >
      <div className="mb-1.5 flex flex-wrap items-center justify-between gap-2">
        <Link
          href={`/playbooks/runs/${summary.id}`}
          className="font-medium text-sky-800 hover:underline"
        >
          {summary.playbookName}
        </Link>
        <RunStatusBadge status={run.data?.status ?? summary.status} />
      </div>
      {run.data ? (
        <div className="space-y-2">
          <RunApproval run={run.data} compact />
          <RunSteps steps={run.data.steps} now={now} compact />
          {run.data.error ? <p className="text-xs text-red-700">{run.data.error}</p> : null}
        </div>
      ) : (
        <p className="text-xs text-slate-500">Loading steps…</p>
      )}
    </div>
  );
}
