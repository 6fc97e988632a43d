"use client";

import { useQuery } from "@tanstack/react-query";
import { Select } from "@/components/ui/field";
import {
  RISK_SORT_DEFAULT_DIR,
  type RiskSortKey,
  type RiskState,
  type SlaFilters,
  type SortDir,
} from "@/lib/schemas/sla";
import { TICKET_PRIORITIES, type TicketPriority } from "@/lib/sla";
import { FEATURES, TIER_LABELS, tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";

/** The same orders as the column headers, for a phone where most columns are hidden. */
const SORT_OPTIONS: { value: `${RiskSortKey}:${SortDir}`; label: string }[] = [
  { value: "risk:desc", label: "Riskiest first" },
  { value: "risk:asc", label: "Least risky first" },
  { value: "timeLeft:asc", label: "Least time left first" },
  { value: "timeLeft:desc", label: "Most time left first" },
  { value: "priority:asc", label: "Priority, P1 first" },
  { value: "priority:desc", label: "Priority, P4 first" },
  { value: "age:desc", label: "Oldest first" },
  { value: "age:asc", label: "Newest first" },
];

const MIN_OPTIONS = [
  { value: "0.5", label: "0.5 and up (watch)" },
  { value: "0.7", label: "0.7 and up (at risk)" },
  { value: "0.8", label: "0.8 and up (escalates)" },
];

/** Client, site, priority, minimum probability and the order; every change lands in the URL. */
export function SlaFilterBar({
  filters,
  setFilter,
}: {
  filters: SlaFilters;
  setFilter: (patch: Partial<SlaFilters>) => void;
}) {
  const trpc = useTRPC();
  const clients = useQuery(trpc.client.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  // clients whose plan lacks breach prevention stay in the list, locked, naming the tier
  const clientOptions = clients.data ?? [];
  const siteOptions = (sites.data ?? []).filter(
    (s) =>
      tierIncludes(s.tier, "slaBreachPrevention") &&
      (!filters.clientId || s.clientId === filters.clientId),
  );
  return (
    <div
      role="group"
      aria-label="Filters"
      className="mb-3 grid grid-cols-2 gap-2 text-sm sm:flex sm:flex-wrap sm:items-center"
    >
      <Labelled label="Client">
        <Select
          aria-label="Client"
          value={filters.clientId ?? ""}
          onChange={(e) => setFilter({ clientId: e.target.value || undefined, siteId: undefined })}
        >
          <option value="">All clients</option>
          {clientOptions.map((c) =>
            tierIncludes(c.tier, "slaBreachPrevention") ? (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ) : (
              <option key={c.id} value={c.id} disabled>
                {c.name} · needs {TIER_LABELS[FEATURES.slaBreachPrevention.minTier]}
              </option>
            ),
          )}
        </Select>
      </Labelled>
      <Labelled label="Site">
        <Select
          aria-label="Site"
          value={filters.siteId ?? ""}
          onChange={(e) => setFilter({ siteId: e.target.value || undefined })}
        >
          <option value="">All sites</option>
          {siteOptions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Priority">
        <Select
          aria-label="Priority"
          value={filters.priority ?? ""}
          onChange={(e) =>
            setFilter({ priority: (e.target.value || undefined) as TicketPriority | undefined })
          }
        >
          <option value="">All</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Show">
        <Select
          aria-label="Show"
          value={filters.state ?? ""}
          onChange={(e) =>
            setFilter({ state: (e.target.value || undefined) as RiskState | undefined })
          }
        >
          <option value="">All open</option>
          <option value="at-risk">At risk</option>
          <option value="breached">Breached</option>
        </Select>
      </Labelled>
      <Labelled label="Sort">
        <Select
          aria-label="Sort by"
          value={`${filters.sort ?? "risk"}:${filters.dir ?? RISK_SORT_DEFAULT_DIR[filters.sort ?? "risk"]}`}
          onChange={(e) => {
            const [sort, dir] = e.target.value.split(":") as [RiskSortKey, SortDir];
            setFilter({ sort, dir });
          }}
        >
          {SORT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Labelled>
      <Labelled label="Probability">
        <Select
          aria-label="Minimum probability"
          value={filters.minProbability === undefined ? "" : String(filters.minProbability)}
          onChange={(e) =>
            setFilter({ minProbability: e.target.value ? Number(e.target.value) : undefined })
          }
        >
          <option value="">Any</option>
          {filters.minProbability !== undefined &&
          !MIN_OPTIONS.some((o) => Number(o.value) === filters.minProbability) ? (
            <option value={String(filters.minProbability)}>{filters.minProbability} and up</option>
          ) : null}
          {MIN_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Labelled>
    </div>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5 sm:flex-row sm:items-center sm:gap-1.5">
      <span aria-hidden="true" className="text-xs text-slate-600 sm:text-sm">
        {label}
      </span>
      {children}
    </div>
  );
}
