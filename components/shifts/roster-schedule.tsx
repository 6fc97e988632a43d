"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDay } from "@/lib/format";
import { WEEKDAY_LABELS } from "@/lib/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";

type Shift = RouterOutputs["shift"]["week"]["sites"][number]["shifts"][number];

const weekday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return WEEKDAY_LABELS[d === 0 ? 6 : d - 1] ?? "";
};

/**
 * The next 14 days of the site's schedule as the roster made it: one row per site-local day,
 * each shift with its post, hours and guard (or "Open" when nobody holds it). It refreshes when
 * the rebuild after a roster change lands.
 */
export function RosterSchedule({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const trpc = useTRPC();
  const week = useQuery(trpc.shift.week.queryOptions({ siteId, days: 14 }));
  const site = week.data?.sites.find((s) => s.id === siteId);
  const days = site?.days ?? [];
  const byDay = new Map<string, Shift[]>();
  for (const s of site?.shifts ?? [])
    byDay.set(s.localDate, [...(byDay.get(s.localDate) ?? []), s]);
  const total = site?.shifts.length ?? 0;
  return (
    <Card title="Schedule, next 14 days">
      <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
        Built from the roster in the site&apos;s time ({timeZone}); {total} shift
        {total === 1 ? "" : "s"}. Shifts that have started are never rewritten.
      </p>
      {total ? (
        <Table label="Schedule, next 14 days">
          <thead>
            <tr>
              <Th className="w-32">Day</Th>
              <Th>Shifts</Th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => {
              const shifts = byDay.get(day) ?? [];
              return (
                <tr key={day}>
                  <Td className="whitespace-nowrap font-medium text-slate-800">
                    {weekday(day)} {formatDay(day)}
                  </Td>
                  <Td>
                    {shifts.length ? (
                      <ul className="flex flex-wrap gap-1.5" aria-label={`Shifts on ${day}`}>
                        {shifts.map((s) => (
                          <li
                            key={s.id}
                            className="rounded border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs"
                          >
                            <span className="font-medium text-slate-800">{s.postName}</span>{" "}
                            <span className="tabular-nums text-slate-600">
                              {s.localStart}–{s.localEnd}
                            </span>{" "}
                            ·{" "}
                            {s.guardName ? (
                              <span className="text-slate-800">{s.guardName}</span>
                            ) : (
                              <Badge tone="amber">Open</Badge>
                            )}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-xs text-slate-400">No shifts</span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : (
        <EmptyState>No shifts in the next 14 days yet.</EmptyState>
      )}
    </Card>
  );
}
