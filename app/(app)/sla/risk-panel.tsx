"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import type { RiskSortKey, SlaFilters } from "@/lib/schemas/sla";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { RiskTable } from "./risk-table";
import { RISK_LIMIT } from "./search-params";
import { RiskSkeleton } from "./skeletons";
import type { RiskSort } from "./sort-header";

/** The matching open tickets: those still running, most at risk first, then those breached. */
export function RiskPanel({
  filters,
  selected,
  select,
  sort,
  onSort,
}: {
  filters: SlaFilters;
  selected: string | null;
  select: (id: string | null) => void;
  sort: RiskSort;
  onSort: (key: RiskSortKey) => void;
}) {
  const trpc = useTRPC();
  const risk = useQuery({
    ...trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT }),
    // a plan refusal stays a refusal: show it locked at once
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const rows = risk.data ?? [];
  const riskLocked = lockedFeature(risk.error);
  // the server lists tickets breached at its now after the rest; they are not "at risk" any more
  const running = rows.filter((r) => !r.breached);
  const breached = rows.filter((r) => r.breached);
  if (risk.isPending) return <RiskSkeleton />;
  const table = (label: string, rows: typeof running) => (
    <RiskTable
      label={label}
      rows={rows}
      selected={selected}
      select={select}
      compact={Boolean(selected)}
      sort={sort}
      onSort={onSort}
    />
  );
  return (
    <div className="space-y-4">
      <Card>
        {running.length ? (
          table("At-risk tickets", running)
        ) : riskLocked ? (
          <div className="p-4">
            <Locked feature={riskLocked}>{risk.error?.message}</Locked>
          </div>
        ) : (
          <EmptyState>
            {risk.isError
              ? "The tickets could not be loaded."
              : breached.length
                ? "Every matching open ticket is already past its resolution target (below)."
                : "No open tickets match. The list updates by itself after each prediction run."}
          </EmptyState>
        )}
      </Card>
      {breached.length ? (
        <Card title={`Breached: past their resolution target (${breached.length})`}>
          {table("Breached tickets", breached)}
        </Card>
      ) : null}
    </div>
  );
}
