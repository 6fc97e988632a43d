"use client";

import { Th } from "@/components/ui/table";
import { inPlace } from "@/lib/links";
import { RISK_SORT_DEFAULT_DIR, type RiskSortKey, type SortDir } from "@/lib/schemas/sla";

export type RiskSort = { key: RiskSortKey; dir: SortDir };

/** The list's order, what a header click does, and the URL that order has. */
export type Sorting = {
  sort: RiskSort;
  onSort: (key: RiskSortKey) => void;
  /** the page's URL sorted by the column as a click would sort it */
  href: (key: RiskSortKey) => string;
};

/** The sort after a click on a column: the same column flips, another starts its natural way. */
export function nextSort(current: RiskSort, key: RiskSortKey): RiskSort {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: RISK_SORT_DEFAULT_DIR[key] };
}

/**
 * A column header that sorts the list by its column (server-side), saying which way. It is a
 * link to the sorted page, so a click before the page has hydrated (a slow phone) still sorts;
 * once hydrated, the click sorts in place.
 */
export function SortHeader({
  column,
  sorting: { sort, onSort, href },
  className = "",
  children,
}: {
  column: RiskSortKey;
  sorting: Sorting;
  className?: string;
  children: React.ReactNode;
}) {
  const active = sort.key === column;
  return (
    <Th
      className={className}
      ariaSort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <a
        href={href(column)}
        onClick={inPlace(() => onSort(column))}
        className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 focus-visible:underline ${active ? "text-slate-900" : ""}`}
      >
        {children}
        <span aria-hidden="true" className={active ? "" : "text-slate-300"}>
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </a>
    </Th>
  );
}
