"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderCategory,
  type WorkOrderStatus,
} from "@/lib/work-orders";
import { WorkOrderDetail } from "./detail";
import { NewWorkOrderDialog } from "./new-work-order";
import { StatusBadge } from "@/components/ui/status-badge";
import { DueLabel, PriorityBadge, categoryLabel } from "./parts";
import { LIST_LIMIT, workOrderSearch, type WorkOrderFilters } from "./search-params";

export function WorkOrdersClient({
  initialFilters,
  initialSelected,
}: {
  initialFilters: WorkOrderFilters;
  initialSelected: string | null;
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [selected, setSelectedState] = useState<string | null>(initialSelected);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(initialFilters.q ?? "");
  const list = useQuery(trpc.workOrder.list.queryOptions({ ...filters, limit: LIST_LIMIT }));
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const vendors = useQuery(trpc.vendor.list.queryOptions());
  const rows = list.data ?? [];

  const go = (f: WorkOrderFilters, order: string | null) =>
    window.history.replaceState(null, "", `/work-orders${workOrderSearch(f, order)}`);
  const setFilter = (patch: Partial<WorkOrderFilters>) => {
    const next: WorkOrderFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof WorkOrderFilters)[])
      if (next[k] === undefined || next[k] === "") delete next[k];
    setFilters(next);
    go(next, selected);
  };
  const select = (id: string | null) => {
    setSelectedState(id);
    go(filters, id);
    if (id && !window.matchMedia("(min-width: 80rem)").matches)
      requestAnimationFrame(() =>
        document.getElementById("work-order-detail")?.scrollIntoView({ block: "start" }),
      );
  };

  // typing searches after a short pause, not on every key
  useEffect(() => {
    const q = search.trim() || undefined;
    if (q === filters.q) return;
    const t = setTimeout(() => setFilter({ q }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const statusValue = filters.status ?? (filters.open ? "" : "all");

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Work orders</h1>
          <p className="text-sm text-slate-600">
            Jobs sent to vendors: assign, send the vendor a link, follow their progress live, then
            verify and rate the work.
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>New work order</Button>
      </div>
      {creating ? (
        <NewWorkOrderDialog
          onDone={(id) => {
            setCreating(false);
            if (id) select(id);
          }}
        />
      ) : null}

      <form
        role="search"
        aria-label="Filter work orders"
        className="mb-4 grid grid-cols-2 gap-2 text-sm sm:flex sm:flex-wrap sm:items-end"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="col-span-2 block sm:w-64">
          <span className="sr-only">Search</span>
          <Input
            type="search"
            placeholder="Search title or #number"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label className="block">
          <span className="sr-only">Status</span>
          <Select
            aria-label="Status"
            value={statusValue}
            onChange={(e) => {
              const v = e.target.value;
              if (v === "") setFilter({ status: undefined, open: true });
              else if (v === "all") setFilter({ status: undefined, open: undefined });
              else setFilter({ status: v as WorkOrderStatus, open: undefined });
            }}
          >
            <option value="">Open orders</option>
            <option value="all">All orders</option>
            {WORK_ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {WORK_ORDER_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="sr-only">Category</span>
          <Select
            aria-label="Category"
            value={filters.category ?? ""}
            onChange={(e) =>
              setFilter({ category: (e.target.value || undefined) as WorkOrderCategory })
            }
          >
            <option value="">All categories</option>
            {WORK_ORDER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {WORK_ORDER_CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="sr-only">Site</span>
          <Select
            aria-label="Site"
            value={filters.siteId ?? ""}
            onChange={(e) => setFilter({ siteId: e.target.value || undefined })}
          >
            <option value="">All sites</option>
            {sites.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="sr-only">Vendor</span>
          <Select
            aria-label="Vendor"
            value={filters.vendorId ?? ""}
            onChange={(e) => setFilter({ vendorId: e.target.value || undefined })}
          >
            <option value="">All vendors</option>
            {vendors.data?.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.doNotDispatch ? " (do not dispatch)" : ""}
              </option>
            ))}
          </Select>
        </label>
      </form>

      <div
        className={`grid items-start gap-4 ${selected ? "xl:grid-cols-[minmax(0,1fr)_480px]" : ""}`}
      >
        <Card>
          {rows.length ? (
            <div className="max-h-[75vh] overflow-auto">
              <table aria-label="Work orders" className="w-full text-left text-sm">
                <thead className="sticky top-0 z-10">
                  <tr>
                    <Th className="px-2 sm:px-4">Order</Th>
                    <Th className={selected ? "hidden" : "hidden md:table-cell"}>Site</Th>
                    <Th className={selected ? "hidden" : "hidden lg:table-cell"}>Vendor</Th>
                    <Th className="px-2 sm:px-4">Status</Th>
                    <Th className="hidden sm:table-cell">Due</Th>
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
                        <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                          <span>{categoryLabel(r.category)}</span>
                          {r.priority === "high" || r.priority === "urgent" ? (
                            <PriorityBadge priority={r.priority} />
                          ) : null}
                          {r.rework ? <Badge tone="red">rework</Badge> : null}
                          {r.possibleReworkOf && r.reworkConfirmed === null ? (
                            <Badge tone="amber">possible rework</Badge>
                          ) : null}
                          <span className={selected ? "" : "md:hidden"}>
                            · {r.siteName} · {r.vendorName ?? "no vendor"}
                          </span>
                        </div>
                      </Td>
                      <Td className={selected ? "hidden" : "hidden md:table-cell"}>
                        <div>{r.siteName}</div>
                        <div className="text-xs text-slate-500">{r.clientName}</div>
                      </Td>
                      <Td className={selected ? "hidden" : "hidden lg:table-cell"}>
                        {r.vendorName ?? <span className="text-slate-400">not assigned</span>}
                      </Td>
                      <Td className="px-2 sm:px-4">
                        <StatusBadge kind="workOrder" status={r.status} />
                        <div className="mt-1 text-xs text-slate-500">
                          <RelativeTime date={r.updatedAt} />
                        </div>
                      </Td>
                      <Td className="hidden text-xs sm:table-cell">
                        <DueLabel dueAt={r.dueAt} status={r.status} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length >= LIST_LIMIT ? (
                <p className="px-4 py-2 text-xs text-slate-500">
                  Showing the newest {LIST_LIMIT}; narrow the filters to see others.
                </p>
              ) : null}
            </div>
          ) : (
            <EmptyState>
              {list.isPending
                ? "Loading…"
                : list.isError
                  ? "The work orders could not be loaded."
                  : "No work orders match these filters."}
            </EmptyState>
          )}
        </Card>
        {selected ? (
          <div
            id="work-order-detail"
            className="order-first scroll-mt-4 xl:sticky xl:top-4 xl:order-none xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto"
          >
            <WorkOrderDetail key={selected} id={selected} onClose={() => select(null)} />
          </div>
        ) : null}
      </div>
    </>
  );
}
