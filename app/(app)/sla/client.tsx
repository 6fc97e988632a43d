"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { LockedClients } from "@/components/tiers/locked-clients";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { can } from "@/lib/permissions";
import { RISK_SORT_DEFAULT_DIR, type SlaFilters } from "@/lib/schemas/sla";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { ChartsPanel } from "./charts-panel";
import { SlaFilterBar } from "./filters";
import { LastRun } from "./last-run";
import { NewTicketDialog } from "./new-ticket";
import { RiskTable } from "./risk-table";
import { MoreRows } from "./more-rows";
import { slaSearch } from "./search-params";
import { nextSort, type RiskSort, type Sorting } from "./sort-header";
import { TicketDetail } from "./ticket-detail";

export function SlaClient({
  initialFilters,
  initialSelected,
  initialRows,
}: {
  initialFilters: SlaFilters;
  initialSelected: string | null;
  /** tickets of each group listed (search-params.ts: the first 50, or up to 200) */
  initialRows: number;
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [selected, setSelectedState] = useState<string | null>(initialSelected);
  const [creating, setCreating] = useState(false);
  const [limit, setLimit] = useState(initialRows);
  const risk = useQuery({
    ...trpc.ticket.risk.queryOptions({ ...filters, limit }),
    // a plan refusal stays a refusal: show it locked at once
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const me = useQuery(trpc.me.get.queryOptions());
  const role = me.data?.role;
  const rows = risk.data ?? [];
  const riskLocked = lockedFeature(risk.error);
  // the server lists tickets breached at its now after the rest; they are not "at risk" any more
  const running = rows.filter((r) => !r.breached);
  const breached = rows.filter((r) => r.breached);
  // a shallow URL update (Next's router follows it): the queries refetch, the page does not
  const go = (f: SlaFilters, ticket: string | null, rows = limit) =>
    window.history.replaceState(null, "", `/sla${slaSearch(f, ticket, rows)}`);
  const setFilter = (patch: Partial<SlaFilters>) => {
    const next: SlaFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof SlaFilters)[])
      if (next[k] === undefined) delete next[k];
    setFilters(next);
    go(next, selected);
  };
  const sort: RiskSort = {
    key: filters.sort ?? "risk",
    dir: filters.dir ?? RISK_SORT_DEFAULT_DIR[filters.sort ?? "risk"],
  };
  const sorting: Sorting = {
    sort,
    onSort: (key) => {
      const next = nextSort(sort, key);
      setFilter({ sort: next.key, dir: next.dir });
    },
    href: (key) => {
      const next = nextSort(sort, key);
      return `/sla${slaSearch({ ...filters, sort: next.key, dir: next.dir }, selected, limit)}`;
    },
  };
  const select = (id: string | null) => {
    setSelectedState(id);
    go(filters, id);
    // below xl the panel sits above the table: bring it into view
    if (id && !window.matchMedia("(min-width: 80rem)").matches)
      requestAnimationFrame(() =>
        document.getElementById("ticket-detail")?.scrollIntoView({ block: "start" }),
      );
  };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">SLA risk</h1>
          <p className="text-sm text-slate-600">
            Open helpdesk tickets most likely to breach their resolution target first. Red from 0.7
            (a NOC alert is raised), escalated automatically from 0.8.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <LastRun />
          {can(role, "ticket.create") ? (
            <Button onClick={() => setCreating(true)}>New ticket</Button>
          ) : null}
        </div>
      </div>
      {creating ? (
        <NewTicketDialog
          canAssign={can(role, "ticket.work")}
          onDone={(id) => {
            setCreating(false);
            if (id) select(id);
          }}
        />
      ) : null}

      <SlaFilterBar filters={filters} setFilter={setFilter} />
      <div className="mb-3">
        <LockedClients feature="slaBreachPrevention">
          {(clients, n) =>
            `${clients} ${n === 1 ? "is on a plan" : "are on plans"} without it: their tickets keep their SLA clocks and are worked as usual, but are not scored for breach risk or listed here.`
          }
        </LockedClients>
      </div>

      <div
        className={`grid items-start gap-4 ${selected ? "xl:grid-cols-[minmax(0,1fr)_460px]" : ""}`}
      >
        <div className="space-y-4">
          <Card>
            {running.length ? (
              <RiskTable
                label="At-risk tickets"
                rows={running}
                selected={selected}
                select={select}
                compact={Boolean(selected)}
                sorting={sorting}
              />
            ) : riskLocked ? (
              <div className="p-4">
                <Locked feature={riskLocked}>{risk.error?.message}</Locked>
              </div>
            ) : (
              <EmptyState>
                {risk.isPending
                  ? "Loading…"
                  : risk.isError
                    ? "The tickets could not be loaded."
                    : breached.length
                      ? "Every matching open ticket is already past its resolution target (below)."
                      : "No open tickets match. The list updates by itself after each prediction run."}
              </EmptyState>
            )}
          </Card>
          {breached.length ? (
            <Card title={`Breached: past their resolution target (${breached.length})`}>
              <RiskTable
                label="Breached tickets"
                rows={breached}
                selected={selected}
                select={select}
                compact={Boolean(selected)}
                sorting={sorting}
              />
            </Card>
          ) : null}
          <MoreRows
            shown={Math.max(running.length, breached.length)}
            limit={limit}
            href={(rows) => `/sla${slaSearch(filters, selected, rows)}`}
            onMore={(rows) => {
              setLimit(rows);
              go(filters, selected, rows);
            }}
          />
        </div>
        {selected ? (
          <div
            id="ticket-detail"
            className="order-first scroll-mt-4 xl:sticky xl:top-4 xl:order-none xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto"
          >
            <TicketDetail key={selected} id={selected} role={role} onClose={() => select(null)} />
          </div>
        ) : null}
      </div>

      <ChartsPanel />
    </>
  );
}
