"use client";

import type { RefObject } from "react";
import { Input, Select } from "@/components/ui/field";
import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from "@/lib/noc";
import type { QueueFilterInput } from "@/lib/noc-filters";

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
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <div className="w-64">
        <Input
          ref={searchRef}
          aria-label="Search alerts"
          placeholder="Search title, site…  (/)"
          defaultValue={filters.q ?? ""}
          onChange={(e) => setFilter({ q: e.target.value || undefined })}
        />
      </div>
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
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={Boolean(filters.mine)}
          onChange={(e) => setFilter({ mine: e.target.checked || undefined })}
        />{" "}
        Assigned to me
      </label>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={Boolean(filters.suppressed)}
          onChange={(e) => setFilter({ suppressed: e.target.checked || undefined })}
        />{" "}
        Suppressed by maintenance
      </label>
      {filters.siteId ? (
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
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="flex items-center gap-1.5">
      <span className="text-slate-600">{label}</span>
      <Select value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replaceAll("_", " ").toLowerCase()}
          </option>
        ))}
      </Select>
    </label>
  );
}
