"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { FALSE_ALARM_MIN_RESOLVED, FALSE_ALARM_WINDOW_DAYS } from "@/lib/noc";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

export const FALSE_ALARMS_PANEL_ID = "false-alarms-by-site";

/**
 * The sites whose alerts most often turn out to be false alarms or duplicates (the closed
 * loop's labels, noc.md). Live like the rest of the page: the `alert` topic invalidates it.
 * Choosing a site filters the queue to it; choosing it again clears that filter.
 */
export function FalseAlarmsPanel({
  siteId,
  onPickSite,
  onClose,
}: {
  siteId: string | undefined;
  onPickSite: (siteId: string | undefined) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const rates = useQuery(trpc.alert.falseAlarmRates.queryOptions({ limit: 10 }));
  const rows = rates.data ?? [];
  return (
    <div id={FALSE_ALARMS_PANEL_ID} className="mb-3">
      <Card
        title="False alarms by site"
        actions={
          <div className="flex items-center gap-2">
            <span className="text-xs text-slate-500">last {FALSE_ALARM_WINDOW_DAYS} days</span>
            <Button variant="ghost" className="px-2 py-1" onClick={onClose}>
              Hide
            </Button>
          </div>
        }
      >
        {rows.length ? (
          // two columns read top to bottom on wide screens, so the ranking reads down
          <ol aria-label="False-alarm rate by site" className="px-2 py-2 md:columns-2 md:gap-x-6">
            {rows.map((r) => {
              const pct = Math.round(r.rate * 100);
              const active = r.siteId === siteId;
              return (
                <li key={r.siteId} className="break-inside-avoid">
                  <button
                    type="button"
                    aria-pressed={active}
                    title={active ? "Show every site's alerts" : `Show only ${r.siteName}'s alerts`}
                    onClick={() => onPickSite(active ? undefined : r.siteId)}
                    className={`w-full rounded-md px-2 py-1.5 text-left text-sm ${active ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500" : "hover:bg-slate-50"}`}
                  >
                    <span className="flex items-baseline justify-between gap-3">
                      <span className="min-w-0 truncate">
                        <span className="font-medium text-slate-900">{r.siteName}</span>{" "}
                        <span className="text-xs text-slate-500">{r.clientName}</span>
                      </span>
                      <span className="shrink-0 whitespace-nowrap tabular-nums">
                        <b className="text-slate-900">{pct}%</b>{" "}
                        <span className="text-xs text-slate-500">
                          {r.falseAlarms} of {r.resolved}
                        </span>
                      </span>
                    </span>
                    <span className="mt-1 block h-1.5 rounded bg-slate-100">
                      <span
                        className="block h-1.5 rounded bg-amber-500"
                        style={{ width: `${pct}%` }}
                      />
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        ) : (
          // a failed refetch keeps the last figures on screen; the error shows only without any
          <EmptyState>
            {rates.error
              ? errorMessage(rates.error)
              : rates.isPending
                ? "Loading…"
                : `No site has ${FALSE_ALARM_MIN_RESOLVED} or more resolved alerts in the last ${FALSE_ALARM_WINDOW_DAYS} days.`}
          </EmptyState>
        )}
        <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">
          Alerts resolved as false alarm or duplicate, of each site&apos;s alerts resolved in the
          last {FALSE_ALARM_WINDOW_DAYS} days. Only sites with at least {FALSE_ALARM_MIN_RESOLVED}{" "}
          resolved alerts are ranked. Choose a site to show only its alerts in the queue.
        </p>
      </Card>
    </div>
  );
}
