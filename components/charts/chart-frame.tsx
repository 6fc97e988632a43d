"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** False during the server render and hydration, true after: charts measure the DOM. */
export function useMounted(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

/**
 * A chart's box: a titled figure of fixed height whose drawing appears only in the browser
 * (Recharts measures its container), with a text summary for screen readers and empty data.
 */
export function ChartFrame({
  title,
  summary,
  height = 220,
  empty,
  children,
  footer,
}: {
  title: string;
  /** what the chart shows, in words (read by screen readers, shown when empty) */
  summary: string;
  height?: number;
  empty?: boolean;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  const mounted = useMounted();
  return (
    <figure
      aria-label={title}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs"
    >
      <figcaption className="mb-2">
        <span className="block text-sm font-semibold text-slate-800">{title}</span>
        <span className="block text-xs text-slate-500">{summary}</span>
      </figcaption>
      <div style={{ height }} className="w-full" aria-hidden="true">
        {empty ? (
          <p className="grid h-full place-items-center text-sm text-slate-400">No data yet.</p>
        ) : mounted ? (
          children
        ) : (
          <div className="h-full animate-pulse rounded bg-slate-50" />
        )}
      </div>
      {footer}
    </figure>
  );
}

/** Shared axis and tooltip styling, small enough for a phone. */
export const AXIS = { fontSize: 11, fill: "#64748b" } as const;
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
/** A count axis's labels: 60K rather than 60000, which the axis's width would clip. */
export const countTick = (v: number) => compact.format(v);
export const TOOLTIP_STYLE = {
  fontSize: 12,
  borderRadius: 6,
  borderColor: "#cbd5e1",
} as const;
