"use client";

import { useQuery } from "@tanstack/react-query";
import {
  BreachesDaily,
  CalibrationChart,
  ClientCompliance,
  EscalationsDaily,
  ProbabilityHistogram,
} from "@/components/charts/sla-charts";
import { EmptyState } from "@/components/ui/card";
import { SKIP_BATCH, useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { ChartsSkeleton } from "./skeletons";

/**
 * The page's trends: open-ticket risk, breaches and compliance, escalations, calibration.
 * Not prefetched by the page: the slowest read, below the fold, fetched after first paint.
 */
export function ChartsPanel() {
  const trpc = useTRPC();
  const charts = useQuery(trpc.ticket.charts.queryOptions(undefined, SKIP_BATCH));
  const c = charts.data;
  return (
    <section aria-labelledby="sla-trends" className="mt-6">
      <h2 id="sla-trends" className="mb-3 text-base font-semibold text-slate-800">
        Trends (30 days)
      </h2>
      {c ? (
        <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
          <ProbabilityHistogram bins={c.distribution} />
          <BreachesDaily rows={c.daily} />
          <ClientCompliance rows={c.perClient} />
          <EscalationsDaily rows={c.escalations} />
          <CalibrationChart rows={c.calibration} />
        </div>
      ) : charts.isError ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState>Charts unavailable: {errorMessage(charts.error)}</EmptyState>
        </div>
      ) : (
        <ChartsSkeleton />
      )}
    </section>
  );
}
