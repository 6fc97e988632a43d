"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LockedClients } from "@/components/tiers/locked-clients";
import { Button } from "@/components/ui/button";
import { VENDOR_PERIODS } from "@/lib/schemas/vendors";
import { can } from "@/lib/permissions";
import { TIER_LABELS, tiersWith } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import { AddVendorDialog } from "./add-vendor";
import { RankingsTable } from "./rankings-table";
import { vendorsSearch, type Period } from "./search-params";
import { VendorDetail } from "./vendor-detail";

const TIERS_NOTE = tiersWith("vendorPerformance")
  .map((t) => TIER_LABELS[t])
  .join(" and ");

export function VendorsClient({
  initialDays,
  initialSelected,
}: {
  initialDays: Period;
  initialSelected: string | null;
}) {
  const trpc = useTRPC();
  const [days, setDays] = useState<Period>(initialDays);
  const [selected, setSelectedState] = useState<string | null>(initialSelected);
  const [adding, setAdding] = useState(false);
  const me = useQuery(trpc.me.get.queryOptions());
  const role = me.data?.role;
  const canList = can(role, "vendor.list");
  const canEdit = can(role, "vendor.manage");
  // the previous period's table stays (dimmed) while another period loads
  const rankings = useQuery({
    ...trpc.vendor.rankings.queryOptions({ days }),
    placeholderData: keepPreviousData,
  });
  const list = useQuery({ ...trpc.vendor.list.queryOptions(), enabled: canList });

  // a shallow URL update (Next's router follows it): the queries refetch, the page does not
  const go = (d: Period, vendor: string | null) =>
    window.history.replaceState(null, "", `/vendors${vendorsSearch(d, vendor)}`);
  const choosePeriod = (d: Period) => {
    setDays(d);
    go(d, selected);
  };
  const select = (id: string | null) => {
    setSelectedState(id);
    go(days, id);
    // below xl the panel sits above the table: bring it into view
    if (id && !window.matchMedia("(min-width: 80rem)").matches)
      requestAnimationFrame(() =>
        document.getElementById("vendor-detail")?.scrollIntoView({ block: "start" }),
      );
  };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Vendors</h1>
          <p className="text-sm text-slate-600">
            Ranked on completed work orders: on time, within estimate, well rated and not reworked.
            Vendors with few orders are pulled toward the average.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <div
            role="group"
            aria-label="Period"
            className="inline-flex rounded-md bg-white shadow-xs ring-1 ring-slate-300"
          >
            {VENDOR_PERIODS.map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={days === d}
                onClick={() => choosePeriod(d)}
                className={`px-2.5 py-1.5 text-sm font-medium tabular-nums first:rounded-l-md last:rounded-r-md focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-sky-600 ${
                  days === d ? "bg-sky-700 text-white" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {d} days
              </button>
            ))}
          </div>
          {canEdit ? <Button onClick={() => setAdding(true)}>Add vendor</Button> : null}
        </div>
      </div>
      <p className="mb-3 text-xs text-slate-500">
        Rankings count only work orders for {TIERS_NOTE} clients (vendor performance tracking is
        part of those plans).
      </p>
      <div className="mb-3">
        <LockedClients feature="vendorPerformance">
          {(clients, n) =>
            `${clients} ${n === 1 ? "is on a plan" : "are on plans"} without it: their work orders are managed as usual but do not count toward these rankings.`
          }
        </LockedClients>
      </div>
      {adding ? (
        <AddVendorDialog
          onDone={(id) => {
            setAdding(false);
            if (id) select(id);
          }}
        />
      ) : null}

      <div
        className={`grid items-start gap-4 ${selected ? "xl:grid-cols-[minmax(0,1fr)_440px]" : ""}`}
      >
        <RankingsTable
          days={rankings.data?.days ?? days}
          ranked={rankings.data?.ranked}
          stale={rankings.isPlaceholderData}
          loading={rankings.isPending}
          failed={rankings.isError}
          vendors={list.data}
          selected={selected}
          compact={selected !== null}
          onSelect={select}
        />
        {selected ? (
          <div
            id="vendor-detail"
            className="order-first scroll-mt-4 xl:sticky xl:top-4 xl:order-none xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto"
          >
            <VendorDetail
              key={selected}
              vendorId={selected}
              days={rankings.data?.days ?? days}
              ranked={rankings.data?.ranked}
              vendor={list.data?.find((v) => v.id === selected)}
              canList={canList}
              listLoading={canList && list.isPending}
              canEdit={canEdit}
              onClose={() => select(null)}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}
