"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Toast } from "@/components/ui/toast";
import { useNow } from "@/lib/hooks/use-now";
import { QUEUE_FETCH_ROWS, QUEUE_PAGE_ROWS } from "@/lib/live-queue";
import { filtersToSearch, type QueueFilterInput } from "@/lib/noc-filters";
import { nextSelection } from "@/lib/noc-queue-nav";
import { UNDO_TOAST_MS } from "@/lib/noc-undo";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AlertDetail } from "./alert-detail";
import { EscalateDialog } from "./escalate-dialog";
import { FALSE_ALARMS_PANEL_ID, FalseAlarmsPanel } from "./false-alarms";
import { FilterBar } from "./filters";
import { KeyHints, RoutedOnly } from "./header-notes";
import { NewAlertDialog } from "./new-alert";
import { QueueTable } from "./queue-table";
import { ResolveDialog } from "./resolve-dialog";
import { StatsBar } from "./stats-bar";
import { useNewAlerts } from "./use-new-alerts";
import { QueueActionsContext, useQueueActions } from "./use-queue-actions";
import { useQueueKeys } from "./use-queue-keys";
import { RingToggle, useRing } from "./use-ring";

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
  const options = useQuery(trpc.alert.filterOptions.queryOptions());
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  // the ids to resolve, and the alert to select once they are (chosen as the dialog opens)
  const [resolving, setResolving] = useState<{ ids: string[]; next: string | null } | null>(null);
  const [escalating, setEscalating] = useState<string | null>(null);
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

  const fresh = useNewAlerts(queue.data && rows, JSON.stringify(filters));
  useRing(rows, fresh.arrived);
  const actions = useQueueActions({ rows, selected, select: setSelected });

  const setFilter = (patch: Partial<QueueFilterInput>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof QueueFilterInput)[])
      if (next[k] === undefined || next[k] === "") delete next[k];
    setFilters(next);
    router.replace(`/noc${filtersToSearch(next)}`, { scroll: false });
  };
  const resolve = (ids: string[]) =>
    setResolving({
      ids,
      next:
        selected && ids.includes(selected)
          ? nextSelection(
              rows.filter((r) => r.id === selected || !ids.includes(r.id)),
              selected,
            )
          : null,
    });

  useQueueKeys({
    rows,
    selected,
    select: setSelected,
    search,
    acknowledge: (id) => actions.acknowledge([id]),
    escalate: canOperate ? setEscalating : undefined,
    resolve: (id) => resolve([id]),
  });

  const toggle = (id: string) =>
    setChecked((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const escalatingTitle = rows.find((r) => r.id === escalating)?.title ?? "This alert";

  return (
    <QueueActionsContext.Provider value={actions}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">NOC queue</h1>
          <p className="text-sm text-slate-600">
            Open alerts by priority, then age.
            {rows.length ? <KeyHints /> : null}
          </p>
          {options.data?.routedOnly ? <RoutedOnly groups={options.data.groups} /> : null}
        </div>
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto sm:gap-3">
          <StatsBar />
          <RingToggle />
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
          className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm"
        >
          <span>{checked.size} selected</span>
          <Button
            variant="secondary"
            onClick={() => {
              actions.acknowledge([...checked]);
              setChecked(new Set());
            }}
          >
            Acknowledge selected
          </Button>
          <Button variant="secondary" onClick={() => resolve([...checked])}>
            Resolve selected
          </Button>
          <Button variant="ghost" onClick={() => setChecked(new Set())}>
            Clear
          </Button>
        </div>
      ) : null}
      {actions.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(actions.error)}
        </p>
      ) : null}

      <div
        className={`grid grid-cols-1 gap-4 ${selected ? "xl:grid-cols-[minmax(0,1fr)_420px]" : ""}`}
      >
        <Card>
          {rows.length ? (
            <QueueTable
              rows={rows}
              selected={selected}
              onSelect={setSelected}
              checked={checked}
              onCheck={toggle}
              fresh={fresh.fresh}
              unseen={fresh.unseen}
              onSeen={fresh.seen}
              now={now}
            />
          ) : (
            <EmptyState>
              {queue.isPending
                ? "Loading…"
                : Object.keys(filters).length
                  ? "No open alerts match these filters. The queue updates by itself."
                  : "No open alerts. The queue updates by itself."}
              {options.data?.routedOnly && !queue.isPending ? (
                <RoutedOnly groups={options.data.groups} />
              ) : null}
            </EmptyState>
          )}
        </Card>
        {selected ? (
          // a phone: full screen over the queue; wider: above it, then beside it (xl)
          <div className="fixed inset-0 z-30 overflow-y-auto bg-slate-100 p-2 sm:static sm:z-auto sm:order-first sm:overflow-visible sm:bg-transparent sm:p-0 xl:order-none">
            <AlertDetail
              id={selected}
              canOperate={canOperate}
              onAcknowledge={() => actions.acknowledge([selected])}
              onEscalate={() => setEscalating(selected)}
              onResolve={() => resolve([selected])}
              onClose={() => setSelected(null)}
            />
          </div>
        ) : null}
      </div>
      {resolving ? (
        <ResolveDialog
          ids={resolving.ids}
          onResolved={(ids) => {
            actions.resolved(ids, resolving.next);
            setChecked(new Set());
          }}
          onDone={() => setResolving(null)}
        />
      ) : null}
      {escalating ? (
        <EscalateDialog
          id={escalating}
          title={escalatingTitle}
          onDone={(escalated) => {
            setEscalating(null);
            if (escalated) actions.say("Escalated: the supervisors are paged");
          }}
        />
      ) : null}
      {actions.toast ? (
        <Toast toast={actions.toast} ms={UNDO_TOAST_MS} onDismiss={actions.dismiss} />
      ) : null}
    </QueueActionsContext.Provider>
  );
}
