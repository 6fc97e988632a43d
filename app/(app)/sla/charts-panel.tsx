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
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

/** The page's trends: open-ticket risk, breaches and compliance, escalations, calibration. */
export function ChartsPanel() {
  const trpc = useTRPC();
  const charts = useQuery(trpc.ticket.charts.queryOptions());
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
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState>
            {charts.isError
              ? `Charts unavailable: ${errorMessage(charts.error)}`
              : "Loading charts…"}
          </EmptyState>
        </div>
      )}
    </section>
  );
}
