"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { factorSummary } from "@/components/charts/sla-data";
import { Button } from "@/components/ui/button";
import { LockedClients } from "@/components/tiers/locked-clients";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { Td, Th } from "@/components/ui/table";
import { can } from "@/lib/permissions";
import type { SlaFilters } from "@/lib/schemas/sla";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { ChartsPanel } from "./charts-panel";
import { SlaFilterBar } from "./filters";
import { LastRun } from "./last-run";
import { NewTicketDialog } from "./new-ticket";
import { Countdown, PriorityBadge, ProbabilityBadge, words } from "./parts";
import { RISK_LIMIT, slaSearch } from "./search-params";
import { TicketDetail } from "./ticket-detail";

export function SlaClient({
  initialFilters,
  initialSelected,
}: {
  initialFilters: SlaFilters;
  initialSelected: string | null;
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [selected, setSelectedState] = useState<string | null>(initialSelected);
  const [creating, setCreating] = useState(false);
  const risk = useQuery({
    ...trpc.ticket.risk.queryOptions({ ...filters, limit: RISK_LIMIT }),
    // a plan refusal stays a refusal: show it locked at once
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const me = useQuery(trpc.me.get.queryOptions());
  const role = me.data?.role;
  const rows = risk.data ?? [];
  const riskLocked = lockedFeature(risk.error);
  // beside the detail panel the table drops to its essentials; the rest moves under the title
  const col = selected
    ? {
        client: "hidden",
        assignee: "hidden",
        status: "hidden",
        why: "hidden",
        subline: "",
        factors: "hidden sm:block",
      }
    : {
        client: "hidden md:table-cell",
        assignee: "hidden lg:table-cell",
        status: "hidden md:table-cell",
        why: "hidden 2xl:table-cell",
        subline: "md:hidden",
        factors: "hidden lg:block 2xl:hidden",
      };

  // a shallow URL update (Next's router follows it): the queries refetch, the page does not
  const go = (f: SlaFilters, ticket: string | null) =>
    window.history.replaceState(null, "", `/sla${slaSearch(f, ticket)}`);
  const setFilter = (patch: Partial<SlaFilters>) => {
    const next: SlaFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof SlaFilters)[])
      if (next[k] === undefined) delete next[k];
    setFilters(next);
    go(next, selected);
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
        <Card>
          {rows.length ? (
            <div className="max-h-[70vh] overflow-auto">
              <table aria-label="At-risk tickets" className="w-full text-left text-sm">
                <thead className="sticky top-0 z-10">
                  <tr>
                    <Th className="px-2 sm:px-4">Risk</Th>
                    <Th className="px-2 sm:px-4">Ticket</Th>
                    <Th className={col.client}>Client / site</Th>
                    <Th className="hidden sm:table-cell">Priority</Th>
                    <Th className={col.assignee}>Assignee</Th>
                    <Th className={col.status}>Status</Th>
                    <Th className="hidden sm:table-cell">Breach in</Th>
                    <Th className={col.why}>Why</Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr
                      key={r.id}
                      aria-selected={selected === r.id}
                      onClick={() => select(r.id)}
                      className={`cursor-pointer ${selected === r.id ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500" : "hover:bg-slate-50"}`}
                    >
                      <Td className="px-2 sm:px-4">
                        <ProbabilityBadge probability={r.probability} />
                        {/* on a phone the priority and countdown stack under the badge */}
                        <div className="mt-1 space-y-1 text-xs sm:hidden">
                          <PriorityBadge
                            priority={r.priority}
                            escalationLevel={r.escalationLevel}
                          />
                          <div>
                            <Countdown dueAt={r.dueAt} pausedSince={r.pausedSince} />
                          </div>
                        </div>
                      </Td>
                      <Td className="px-2 sm:px-4">
                        <button
                          type="button"
                          className="text-left font-medium text-slate-900 hover:underline focus-visible:underline"
                          onClick={(e) => {
                            e.stopPropagation();
                            select(r.id);
                          }}
                        >
                          <span className="text-slate-500 tabular-nums">#{r.number}</span> {r.title}
                        </button>
                        <div className={`mt-0.5 text-xs text-slate-500 ${col.subline}`}>
                          {r.clientName} · {r.siteName} · {words(r.status)}
                          {r.pausedSince ? " (paused)" : ""}
                          {r.assigneeName ? ` · ${r.assigneeName}` : ""}
                        </div>
                        <div className={`mt-0.5 text-xs text-slate-500 ${col.factors}`}>
                          {factorSummary(r.factors)}
                        </div>
                      </Td>
                      <Td className={col.client}>
                        <div>{r.clientName}</div>
                        <div className="text-xs text-slate-500">{r.siteName}</div>
                      </Td>
                      <Td className="hidden sm:table-cell">
                        <PriorityBadge priority={r.priority} escalationLevel={r.escalationLevel} />
                      </Td>
                      <Td className={`text-xs text-slate-600 ${col.assignee}`}>
                        {r.assigneeName ?? "unassigned"}
                      </Td>
                      <Td className={`text-xs ${col.status}`}>
                        {r.pausedSince ? (
                          <span className="font-medium text-amber-700">
                            {words(r.status)} · paused
                          </span>
                        ) : (
                          words(r.status)
                        )}
                      </Td>
                      <Td className="hidden sm:table-cell">
                        <Countdown dueAt={r.dueAt} pausedSince={r.pausedSince} />
                      </Td>
                      <Td className={`max-w-xs text-xs text-slate-600 ${col.why}`}>
                        {factorSummary(r.factors)}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
                  : "No open tickets match. The list updates by itself after each prediction run."}
            </EmptyState>
          )}
        </Card>
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
