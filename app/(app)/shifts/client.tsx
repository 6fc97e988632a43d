"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CompliancePanel, TourCoveragePanel } from "@/components/shifts/board-figures";
import { ExportCsv } from "@/components/shifts/board-export";
import { BoardPager } from "@/components/shifts/board-pager";
import { CoverageRiskPanel } from "@/components/shifts/board-risk";
import { SiteWeek } from "@/components/shifts/board-week";
import { Card, EmptyState } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { useTRPC } from "@/lib/trpc/client";
import { BoardFilterBar } from "./filters";
import { type BoardFilters, boardInputs, boardSearch } from "./search-params";
import { TodayBoard } from "./today";

export function ShiftsClient({ initialFilters }: { initialFilters: BoardFilters }) {
  const trpc = useTRPC();
  const [filters, setFiltersState] = useState(initialFilters);
  const [openedAt] = useState(() => new Date());
  const me = useQuery(trpc.me.get.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const role = me.data?.role;
  const zones = new Map((sites.data ?? []).map((s) => [s.id, s.timeZone]));
  // a shallow URL update (Next's router follows it): the queries refetch, the page does not
  const setFilters = (next: BoardFilters) => {
    setFiltersState(next);
    window.history.replaceState(null, "", `/shifts${boardSearch(next)}`);
  };
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Shifts</h1>
          <p className="text-sm text-slate-600">
            Who is on duty, late or missing at each site, in the site&apos;s local time; where the
            next 24 hours are thin; how the last 30 days went.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ExportCsv siteId={filters.siteId} now={openedAt} />
          {can(role, "shifts.manage") ? (
            <Link
              href="/shifts/roster"
              className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
            >
              Edit roster
            </Link>
          ) : null}
        </div>
      </div>
      <BoardFilterBar filters={filters} setFilters={setFilters} />
      {filters.view === "today" ? (
        <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_420px]">
          <TodayBoard
            filters={filters}
            setFilters={setFilters}
            canRecord={can(role, "shifts.record")}
          />
          <div className="min-w-0 space-y-4">
            <CoverageRiskPanel siteId={filters.siteId} zones={zones} />
            <CompliancePanel siteId={filters.siteId} />
            <TourCoveragePanel siteId={filters.siteId} />
          </div>
        </div>
      ) : (
        <WeekView filters={filters} setFilters={setFilters} />
      )}
    </>
  );
}

function WeekView({
  filters,
  setFilters,
}: {
  filters: BoardFilters;
  setFilters: (next: BoardFilters) => void;
}) {
  const trpc = useTRPC();
  const week = useQuery({
    ...trpc.shift.week.queryOptions(boardInputs(filters).week),
    placeholderData: keepPreviousData,
  });
  const sites = (week.data?.sites ?? []).filter((s) => s.shifts.length || filters.siteId);
  if (!week.data || !sites.length)
    return (
      <Card>
        <EmptyState>
          {week.isPending
            ? "Loading…"
            : week.isError
              ? week.error.message
              : "No shifts scheduled at your sites in the next 14 days."}
        </EmptyState>
      </Card>
    );
  const pager = (
    <BoardPager
      page={week.data.page}
      href={(page) => `/shifts${boardSearch({ ...filters, page })}`}
      onPage={(page) => {
        setFilters({ ...filters, page });
        window.scrollTo({ top: 0 });
      }}
      label="sites with shifts"
    />
  );
  return (
    <div className="space-y-4" aria-busy={week.isPlaceholderData}>
      {pager}
      {sites.map((s) => (
        <SiteWeek key={s.id} site={s} />
      ))}
      {pager}
    </div>
  );
}
