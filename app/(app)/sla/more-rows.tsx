"use client";

import { inPlace } from "@/lib/links";
import { RISK_LIMIT } from "./search-params";

/**
 * Under the lists: how many of each group are shown, and a link to list up to RISK_LIMIT of
 * each when the first RISK_FIRST_ROWS did not hold them all (a plain link before the page
 * runs; in place after).
 */
export function MoreRows({
  shown,
  limit,
  href,
  onMore,
}: {
  /** the longer group's rows */
  shown: number;
  limit: number;
  href: (rows: number) => string;
  onMore: (rows: number) => void;
}) {
  if (shown < limit) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 px-1 text-sm text-slate-600">
      <span>
        Showing the first {limit} of each list
        {limit >= RISK_LIMIT ? "; narrow them with the filters above to see others." : "."}
      </span>
      {limit < RISK_LIMIT ? (
        <a
          href={href(RISK_LIMIT)}
          onClick={inPlace(() => onMore(RISK_LIMIT))}
          className="font-medium text-sky-700 hover:underline focus-visible:underline"
        >
          Show up to {RISK_LIMIT}
        </a>
      ) : null}
    </p>
  );
}
