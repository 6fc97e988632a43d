"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDuration } from "@/lib/format";
import { SEVERITIES } from "@/lib/noc";
import { useTRPC } from "@/lib/trpc/client";
import { SeverityBadge } from "./parts";

const mins = (v: number | null) => (v === null ? "–" : formatDuration(v * 60_000));

export function StatsBar() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.alert.stats.queryOptions());
  const s = stats.data;
  return (
    <div
      aria-label="Queue statistics"
      // a phone: smaller type and gaps, so the box stays a few lines tall
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs sm:gap-4 sm:px-4 sm:text-sm"
    >
      <div className="flex items-center gap-2">
        {SEVERITIES.map((sev) => (
          <span key={sev} className="flex items-center gap-1">
            <SeverityBadge severity={sev} />
            <span className="tabular-nums font-semibold" data-testid={`open-${sev}`}>
              {s?.open[sev] ?? 0}
            </span>
          </span>
        ))}
      </div>
      <div className="text-slate-600">
        MTTA <b className="text-slate-900">{mins(s?.mttaToday ?? null)}</b> today ·{" "}
        {mins(s?.mtta7d ?? null)} 7 d
      </div>
      <div className="text-slate-600">
        MTTR <b className="text-slate-900">{mins(s?.mttrToday ?? null)}</b> today ·{" "}
        {mins(s?.mttr7d ?? null)} 7 d
      </div>
      <div
        className="text-slate-600"
        title="Share of the last 7 days' resolved alerts that playbooks resolved (target 30–60 %), and mean time to resolve of alerts with a playbook run vs without one"
      >
        Auto-resolved{" "}
        <b className="text-slate-900" data-testid="auto-resolved">
          {s?.autoResolved7d == null ? "–" : `${Math.round(s.autoResolved7d * 100)}%`}
        </b>{" "}
        7 d · MTTR with playbook {mins(s?.mttr7dWithPlaybook ?? null)} · without{" "}
        {mins(s?.mttr7dWithoutPlaybook ?? null)}
      </div>
    </div>
  );
}
