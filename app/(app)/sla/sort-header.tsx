"use client";

import { Th } from "@/components/ui/table";
import { RISK_SORT_DEFAULT_DIR, type RiskSortKey, type SortDir } from "@/lib/schemas/sla";

export type RiskSort = { key: RiskSortKey; dir: SortDir };

/** The sort after a click on a column: the same column flips, another starts its natural way. */
export function nextSort(current: RiskSort, key: RiskSortKey): RiskSort {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: RISK_SORT_DEFAULT_DIR[key] };
}

/** A column header that sorts the list by its column (server-side), saying which way. */
export function SortHeader({
  column,
  sort,
  onSort,
  className = "",
  children,
}: {
  column: RiskSortKey;
  sort: RiskSort;
  onSort: (key: RiskSortKey) => void;
  className?: string;
  children: React.ReactNode;
}) {
  const active = sort.key === column;
  return (
    <Th
      className={className}
      ariaSort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 focus-visible:underline ${active ? "text-slate-900" : ""}`}
      >
        {children}
        <span aria-hidden="true" className={active ? "" : "text-slate-300"}>
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Th>
  );
}
