"use client";

import { EmptyState } from "@/components/ui/card";
import { formatDay } from "@/lib/format";
import { WEEKDAY_LABELS } from "@/lib/shifts";
import type { RouterOutputs } from "@/lib/trpc/types";
import { ShiftStateBadge } from "./board-parts";

type WeekSite = RouterOutputs["shift"]["week"]["sites"][number];
type WeekShift = WeekSite["shifts"][number];

const weekday = (day: string) => WEEKDAY_LABELS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];

/** One site's 14-day schedule as a roster grid: a row per post, a column per site-local day. */
export function SiteWeek({ site }: { site: WeekSite }) {
  const posts = [...new Set(site.shifts.map((s) => s.postName))].sort();
  const cell = new Map<string, WeekShift[]>();
  for (const s of site.shifts) {
    const k = `${s.postName}|${s.localDate}`;
    cell.set(k, [...(cell.get(k) ?? []), s]);
  }
  const hours = site.shifts.reduce((n, s) => n + s.hours, 0);
  const open = site.shifts.filter((s) => !s.guardId).length;
  return (
    <section
      aria-labelledby={`week-${site.id}`}
      className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-slate-200 px-4 py-2.5">
        <h2 id={`week-${site.id}`} className="text-sm font-semibold text-slate-800">
          {site.name}
        </h2>
        <p className="text-xs text-slate-500">
          {site.clientName} · {site.shifts.length} shifts · {Math.round(hours)} h
          {open ? (
            <>
              {" "}
              · <span className="font-medium text-amber-700">{open} open</span>
            </>
          ) : null}{" "}
          · times in {site.timeZone.replaceAll("_", " ")}
        </p>
      </header>
      {posts.length ? (
        <div className="overflow-x-auto">
          <table
            aria-label={`14-day schedule at ${site.name}`}
            className="w-full border-collapse text-left text-xs"
          >
            <thead>
              <tr>
                <th
                  scope="col"
                  className="sticky left-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 font-semibold text-slate-500 uppercase"
                >
                  Post
                </th>
                {site.days.map((d) => (
                  <th
                    key={d}
                    scope="col"
                    className="min-w-28 border-b border-l border-slate-200 bg-slate-50 px-2 py-2 font-semibold whitespace-nowrap text-slate-600"
                  >
                    {weekday(d)} {formatDay(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {posts.map((post) => (
                <tr key={post}>
                  <th
                    scope="row"
                    className="sticky left-0 z-10 border-b border-slate-100 bg-white px-3 py-2 align-top font-medium whitespace-nowrap text-slate-800"
                  >
                    {post}
                  </th>
                  {site.days.map((d) => (
                    <td
                      key={d}
                      className="border-b border-l border-slate-100 px-1.5 py-1.5 align-top"
                    >
                      <div className="space-y-1">
                        {(cell.get(`${post}|${d}`) ?? []).map((s) => (
                          <WeekCell key={s.id} shift={s} />
                        ))}
                      </div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState>No shifts scheduled at this site in the next 14 days.</EmptyState>
      )}
    </section>
  );
}

function WeekCell({ shift }: { shift: WeekShift }) {
  return (
    <div
      className={`rounded px-1.5 py-1 ring-1 ring-inset ${shift.guardId ? "bg-slate-50 ring-slate-200" : "bg-amber-50 ring-amber-300"}`}
    >
      <div className="whitespace-nowrap tabular-nums text-slate-600">
        {shift.localStart}–{shift.localEnd}
      </div>
      <div className="truncate font-medium text-slate-800" title={shift.guardName ?? undefined}>
        {shift.guardName ?? <span className="text-amber-800">Open shift</span>}
      </div>
      {shift.state && shift.state !== "upcoming" ? (
        <div className="mt-0.5">
          <ShiftStateBadge state={shift.state} />
        </div>
      ) : null}
    </div>
  );
}
