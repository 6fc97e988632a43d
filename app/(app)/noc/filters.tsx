"use client";

import { useQuery } from "@tanstack/react-query";
import { type RefObject, useState } from "react";
import { FilterCheck, FilterSelect } from "@/components/forms/filter-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from "@/lib/noc";
import type { QueueFilterInput } from "@/lib/noc-filters";
import { useTRPC } from "@/lib/trpc/client";

/** Search and filters of the queue; every change lands in the URL (see client.tsx). */
export function FilterBar({
  filters,
  setFilter,
  searchRef,
  siteName,
}: {
  filters: QueueFilterInput;
  setFilter: (patch: Partial<QueueFilterInput>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** the filtered site's name, when the page knows it */
  siteName?: string;
}) {
  const trpc = useTRPC();
  const options = useQuery(trpc.alert.filterOptions.queryOptions());
  // a large tenant has a thousand sites: they are offered once a client is chosen
  const sites = useQuery({
    ...trpc.site.list.queryOptions({ clientId: filters.clientId }),
    enabled: Boolean(filters.clientId),
  });
  const siteOptions = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  const filtered = Object.keys(filters).length > 0;
  // on a phone the filters wait in a sheet behind one button (the search stays in view)
  const [sheet, setSheet] = useState(false);
  const chosen = Object.keys(filters).filter((k) => k !== "q").length;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <div className="min-w-0 flex-1 sm:w-64 sm:flex-none">
        <Input
          ref={searchRef}
          aria-label="Search alerts"
          placeholder="Search title, site…"
          defaultValue={filters.q ?? ""}
          onChange={(e) => setFilter({ q: e.target.value || undefined })}
        />
      </div>
      <Button
        variant="secondary"
        className="sm:hidden"
        aria-expanded={sheet}
        aria-controls="queue-filters"
        onClick={() => setSheet(true)}
      >
        Filters{chosen ? ` (${chosen})` : ""}
      </Button>
      <div
        id="queue-filters"
        role={sheet ? "dialog" : undefined}
        aria-label={sheet ? "Filters" : undefined}
        className={
          sheet
            ? "fixed inset-x-0 bottom-0 z-40 flex max-h-[85vh] flex-col gap-3 overflow-y-auto rounded-t-xl bg-white p-4 shadow-[0_0_0_100vmax_rgb(15_23_42/0.4)] sm:contents"
            : "hidden flex-wrap items-center gap-2 sm:contents"
        }
      >
        {sheet ? (
          <div className="flex items-center justify-between sm:hidden">
            <h2 className="text-base font-semibold">Filters</h2>
            <Button onClick={() => setSheet(false)}>Done</Button>
          </div>
        ) : null}
        <FilterSelect
          label="Status"
          value={filters.status}
          options={ALERT_STATUSES.filter((s) => s !== "resolved")}
          onChange={(v) => setFilter({ status: v as QueueFilterInput["status"] })}
        />
        <FilterSelect
          label="Severity"
          value={filters.severity}
          options={SEVERITIES}
          onChange={(v) => setFilter({ severity: v as QueueFilterInput["severity"] })}
        />
        <FilterSelect
          label="Type"
          value={filters.type}
          options={ALERT_TYPES}
          onChange={(v) => setFilter({ type: v as QueueFilterInput["type"] })}
        />
        <FilterSelect
          label="Client"
          value={filters.clientId}
          options={(options.data?.clients ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v) => setFilter({ clientId: v, siteId: undefined })}
        />
        {filters.clientId ? (
          <FilterSelect
            label="Site"
            value={filters.siteId}
            options={siteOptions}
            onChange={(v) => setFilter({ siteId: v })}
          />
        ) : null}
        <FilterSelect
          label="Group"
          value={filters.groupId}
          options={(options.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          onChange={(v) => setFilter({ groupId: v })}
        />
        <FilterCheck
          label="Assigned to me"
          checked={filters.mine}
          onChange={(on) => setFilter({ mine: on || undefined })}
        />
        <FilterCheck
          label="Suppressed by maintenance"
          checked={filters.suppressed}
          onChange={(on) => setFilter({ suppressed: on || undefined })}
        />
        <FilterCheck
          label="Escalated"
          checked={filters.escalated}
          onChange={(on) => setFilter({ escalated: on || undefined })}
        />
        <FilterCheck
          label="Overdue to acknowledge"
          checked={filters.overdue}
          onChange={(on) => setFilter({ overdue: on || undefined })}
        />
        {filters.siteId && !filters.clientId ? (
          <span className="inline-flex items-center gap-1 rounded-md bg-sky-50 py-0.5 pr-0.5 pl-2 text-sky-800 ring-1 ring-sky-300 ring-inset">
            Site: {siteName ?? "one site"}
            <button
              type="button"
              aria-label="Show every site"
              title="Show every site"
              className="rounded px-1.5 text-sky-700 hover:bg-sky-100"
              onClick={() => setFilter({ siteId: undefined })}
            >
              ×
            </button>
          </span>
        ) : null}
      </div>
      {filtered ? (
        <button
          type="button"
          className="rounded px-1.5 text-sky-700 underline-offset-2 hover:underline"
          onClick={() => {
            if (searchRef.current) searchRef.current.value = "";
            setFilter(CLEARED);
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

const CLEARED: { [K in keyof Required<QueueFilterInput>]: undefined } = {
  status: undefined,
  type: undefined,
  severity: undefined,
  clientId: undefined,
  siteId: undefined,
  groupId: undefined,
  mine: undefined,
  suppressed: undefined,
  escalated: undefined,
  overdue: undefined,
  q: undefined,
};
