"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Td, Th } from "@/components/ui/table";
import { useNow } from "@/lib/hooks/use-now";
import { QUEUE_FETCH_ROWS, QUEUE_PAGE_ROWS } from "@/lib/live-queue";
import { filtersToSearch, type QueueFilterInput } from "@/lib/noc-filters";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AlertDetail } from "./alert-detail";
import { ResolveDialog } from "./resolve-dialog";
import { FALSE_ALARMS_PANEL_ID, FalseAlarmsPanel } from "./false-alarms";
import { FilterBar } from "./filters";
import { NewAlertDialog } from "./new-alert";
import { AlarmAge, ScoreBadge, SeverityBadge } from "./parts";
import { StatsBar } from "./stats-bar";
import { useAlertRefresh } from "./use-alert-refresh";
import { useQueueKeys } from "./use-queue-keys";

export function NocClient({
  initialFilters,
  initialSelected,
}: {
  initialFilters: QueueFilterInput;
  initialSelected: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const now = useNow(15_000);
  const [filters, setFilters] = useState(initialFilters);
  const queue = useQuery(trpc.alert.list.queryOptions({ ...filters, limit: QUEUE_FETCH_ROWS }));
  const me = useQuery(trpc.me.get.queryOptions());
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [resolving, setResolving] = useState<string[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [showFalseAlarms, setShowFalseAlarms] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  // the spare rows beyond the page stand by for live changes (lib/live-queue.ts)
  const rows = useMemo(() => (queue.data ?? []).slice(0, QUEUE_PAGE_ROWS), [queue.data]);
  // read from the panel's cache (never fetched here): names a filtered site without open alerts
  const falseAlarmRates = useQuery({
    ...trpc.alert.falseAlarmRates.queryOptions({ limit: 10 }),
    enabled: false,
  });
  const siteName =
    rows.find((r) => r.siteId === filters.siteId)?.siteName ??
    falseAlarmRates.data?.find((r) => r.siteId === filters.siteId)?.siteName;
  const canOperate = can(me.data?.role, "alert.triage");

  const refresh = useAlertRefresh();
  const acknowledge = useMutation(
    trpc.alert.acknowledge.mutationOptions({ onSuccess: (_, { ids }) => refresh.alerts(ids) }),
  );
  const escalate = useMutation(
    trpc.alert.escalate.mutationOptions({ onSuccess: (_, { id }) => refresh.alerts([id]) }),
  );
  const actionError = acknowledge.error ?? escalate.error;

  const setFilter = (patch: Partial<QueueFilterInput>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof QueueFilterInput)[])
      if (next[k] === undefined || next[k] === "") delete next[k];
    setFilters(next);
    router.replace(`/noc${filtersToSearch(next)}`, { scroll: false });
  };

  useQueueKeys({
    rows,
    selected,
    select: setSelected,
    search,
    acknowledge: (id) => acknowledge.mutate({ ids: [id] }),
    escalate: canOperate ? (id) => escalate.mutate({ id }) : undefined,
    resolve: (id) => setResolving([id]),
  });

  const toggle = (id: string) =>
    setChecked((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  // Which columns fit: site and state go under the title on a phone, seen and assigned are
  // left to the detail panel below 768 px. The same while the panel sits beside the queue
  // (1280-1535 px), where the queue has about 540 px.
  const cols = selected
    ? {
        site: "hidden sm:table-cell xl:hidden 2xl:table-cell",
        more: "hidden md:table-cell xl:hidden 2xl:table-cell",
        subLine: "sm:hidden xl:block 2xl:hidden",
      }
    : { site: "hidden sm:table-cell", more: "hidden md:table-cell", subLine: "sm:hidden" };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">NOC queue</h1>
          <p className="text-sm text-slate-600">
            Open alerts by priority, then age. Keys:{" "}
            <kbd className="rounded border px-1 text-xs">j</kbd>/
            <kbd className="rounded border px-1 text-xs">k</kbd> move,{" "}
            <kbd className="rounded border px-1 text-xs">a</kbd> acknowledge,{" "}
            <kbd className="rounded border px-1 text-xs">e</kbd> escalate,{" "}
            <kbd className="rounded border px-1 text-xs">r</kbd> resolve,{" "}
            <kbd className="rounded border px-1 text-xs">/</kbd> search.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <StatsBar />
          <Button
            variant="secondary"
            aria-expanded={showFalseAlarms}
            aria-controls={FALSE_ALARMS_PANEL_ID}
            onClick={() => setShowFalseAlarms((o) => !o)}
          >
            False alarms by site
          </Button>
          {can(me.data?.role, "alert.create") ? (
            <Button onClick={() => setCreating(true)}>New alert</Button>
          ) : null}
        </div>
      </div>
      {creating ? (
        <NewAlertDialog
          onDone={(id) => {
            setCreating(false);
            if (id) setSelected(id);
          }}
        />
      ) : null}

      {showFalseAlarms ? (
        <FalseAlarmsPanel
          siteId={filters.siteId}
          onPickSite={(siteId) => setFilter({ siteId, clientId: undefined })}
          onClose={() => setShowFalseAlarms(false)}
        />
      ) : null}
      <FilterBar filters={filters} setFilter={setFilter} searchRef={search} siteName={siteName} />
      {checked.size ? (
        <div
          role="region"
          aria-label="Bulk actions"
          className="mb-3 flex items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm"
        >
          <span>{checked.size} selected</span>
          <Button
            variant="secondary"
            onClick={() =>
              acknowledge.mutate({ ids: [...checked] }, { onSuccess: () => setChecked(new Set()) })
            }
          >
            Acknowledge selected
          </Button>
          <Button variant="secondary" onClick={() => setResolving([...checked])}>
            Resolve selected
          </Button>
          <Button variant="ghost" onClick={() => setChecked(new Set())}>
            Clear
          </Button>
        </div>
      ) : null}
      {actionError ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(actionError)}
        </p>
      ) : null}

      <div
        className={`grid grid-cols-1 gap-4 ${selected ? "xl:grid-cols-[minmax(0,1fr)_420px]" : ""}`}
      >
        <Card>
          {rows.length ? (
            <div className="max-h-[70vh] overflow-auto">
              <table aria-label="Alert queue" className="w-full text-left text-sm">
                <thead className="sticky top-0 z-10">
                  <tr>
                    <Th>
                      <span className="sr-only">Select</span>
                    </Th>
                    <Th>Score</Th>
                    <Th>Alert</Th>
                    {/* on a phone: site and state under the title; seen and assigned in the
                        detail panel */}
                    <Th className={cols.site}>Site</Th>
                    <Th>Waiting</Th>
                    <Th className={cols.more}>Seen</Th>
                    <Th className={cols.more}>Assigned</Th>
                    <Th className={cols.site}>State</Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr
                      key={r.id}
                      id={`alert-row-${r.id}`}
                      aria-selected={selected === r.id}
                      onClick={() => setSelected(r.id)}
                      className={`cursor-pointer ${selected === r.id ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500" : "hover:bg-slate-50"}`}
                    >
                      <Td>
                        <input
                          type="checkbox"
                          aria-label={`Select ${r.title}`}
                          checked={checked.has(r.id)}
                          onClick={(e) => e.stopPropagation()}
                          onChange={() => toggle(r.id)}
                        />
                      </Td>
                      <Td>
                        <ScoreBadge score={r.score} scoredBy={r.scoredBy} />
                      </Td>
                      <Td>
                        <div className="font-medium [overflow-wrap:anywhere] text-slate-900">
                          {r.title}
                        </div>
                        <div className={`text-xs text-slate-500 ${cols.subLine}`}>
                          {r.siteName} · {r.status.replace("_", " ")}
                        </div>
                        <div className="mt-0.5 flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
                          <SeverityBadge severity={r.severity} />
                          {r.type.replaceAll("_", " ").toLowerCase()}
                          {r.escalated ? (
                            <span className="font-medium text-red-700">· escalated</span>
                          ) : null}
                        </div>
                      </Td>
                      <Td className={cols.site}>
                        <div>{r.siteName}</div>
                        <div className="text-xs text-slate-500">{r.clientName}</div>
                      </Td>
                      <Td>
                        <AlarmAge
                          severity={r.severity}
                          firstSeenAt={r.firstSeenAt}
                          acknowledgedAt={r.acknowledgedAt}
                          now={now}
                        />
                      </Td>
                      <Td className={`tabular-nums ${cols.more}`}>{r.occurrences}×</Td>
                      <Td className={`text-xs text-slate-600 ${cols.more}`}>
                        {r.assigneeName ?? r.groupName ?? "—"}
                      </Td>
                      <Td className={`text-xs ${cols.site}`}>{r.status.replace("_", " ")}</Td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState>
              {queue.isPending ? "Loading…" : "No open alerts match. The queue updates by itself."}
            </EmptyState>
          )}
        </Card>
        {selected ? (
          <div className="order-first xl:order-none">
            <AlertDetail
              id={selected}
              canOperate={canOperate}
              onResolve={() => setResolving([selected])}
              onClose={() => setSelected(null)}
            />
          </div>
        ) : null}
      </div>
      {resolving ? (
        <ResolveDialog
          ids={resolving}
          onDone={() => {
            setResolving(null);
            setChecked(new Set());
          }}
        />
      ) : null}
    </>
  );
}
