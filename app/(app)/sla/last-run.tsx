"use client";

import { useQuery } from "@tanstack/react-query";
import { RelativeTime } from "@/components/ui/relative-time";
import { useTRPC } from "@/lib/trpc/client";

/** When breach probabilities were last computed and by what; how many of the viewer's tickets are scored, at risk and breached. */
export function LastRun() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.ticket.summary.queryOptions());
  const run = summary.data?.lastRun;
  // counted over the tickets the viewer can see, not the run's tenant-wide summary
  const counts = summary.data?.counts;
  return (
    <div
      role="status"
      aria-label="Last prediction run"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm"
    >
      {run ? (
        <>
          <span className="text-slate-600">
            Last prediction run{" "}
            <time dateTime={run.runAt.toISOString()} data-testid="last-run-at">
              <RelativeTime date={run.runAt} />
            </time>
          </span>
          <span>
            <b className="tabular-nums" data-testid="last-run-scored">
              {counts?.scored ?? 0}
            </b>{" "}
            scored
          </span>
          <span>
            <b className="tabular-nums text-red-700" data-testid="count-at-risk">
              {counts?.atRisk ?? 0}
            </b>{" "}
            at risk
          </span>
          <span>
            <b className="tabular-nums text-red-700" data-testid="count-breached">
              {counts?.breached ?? 0}
            </b>{" "}
            breached
          </span>
          <span className="text-slate-500">by {run.scoredBy}</span>
        </>
      ) : (
        <span className="text-slate-500">
          {summary.isPending
            ? "Loading the last prediction run…"
            : summary.isError
              ? "The last prediction run could not be loaded."
              : "No prediction run yet; one runs every 15 minutes."}
        </span>
      )}
    </div>
  );
}
