"use client";

import { breachedNow, factorSummary, factorsOnceBreached } from "@/components/charts/sla-data";
import { Td, Th } from "@/components/ui/table";
import { formatDuration } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { BreachedBadge, Countdown, PriorityBadge, ProbabilityBadge, words } from "./parts";
import { SortHeader, type Sorting } from "./sort-header";
import { useClock } from "./use-clock";

type RiskRow = RouterOutputs["ticket"]["risk"][number];

/**
 * Open tickets as a table: the at-risk ones, or those already breached, in the order the
 * server sorted them; the risk, priority, time-left and age headers change that order.
 */
export function RiskTable({
  label,
  rows,
  selected,
  select,
  compact,
  sorting,
}: {
  label: string;
  rows: readonly RiskRow[];
  selected: string | null;
  select: (id: string) => void;
  /** beside the detail panel */
  compact: boolean;
  sorting: Sorting;
}) {
  const breachedOnly = rows.every((r) => r.breached);
  // beside the detail panel the table drops to its essentials; the rest moves under the title
  const col = compact
    ? {
        client: "hidden",
        assignee: "hidden",
        status: "hidden",
        age: "hidden",
        why: "hidden",
        subline: "",
        factors: "hidden sm:block",
      }
    : {
        client: "hidden md:table-cell",
        assignee: "hidden lg:table-cell",
        status: "hidden md:table-cell",
        age: "hidden lg:table-cell",
        why: "hidden 2xl:table-cell",
        subline: "md:hidden",
        factors: "hidden lg:block 2xl:hidden",
      };

  return (
    <div className="max-h-[70vh] overflow-auto">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="sticky top-0 z-10">
          <tr>
            <SortHeader column="risk" sorting={sorting} className="px-2 sm:px-4">
              Risk
            </SortHeader>
            <Th className="px-2 sm:px-4">Ticket</Th>
            <Th className={col.client}>Client / site</Th>
            <SortHeader column="priority" sorting={sorting} className="hidden sm:table-cell">
              Priority
            </SortHeader>
            <Th className={col.assignee}>Assignee</Th>
            <Th className={col.status}>Status</Th>
            <SortHeader
              column="timeLeft"
              sorting={sorting}
              className="hidden whitespace-nowrap sm:table-cell"
            >
              {breachedOnly ? "Breached" : "Time left"}
            </SortHeader>
            <SortHeader column="age" sorting={sorting} className={col.age}>
              Age
            </SortHeader>
            <Th className={col.why}>Why</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              aria-selected={selected === r.id}
              onClick={() => select(r.id)}
              className={`cursor-pointer ${selected === r.id ? "bg-sky-100/70 outline-2 -outline-offset-2 outline-sky-500" : "hover:bg-slate-50"}`}
            >
              <Td className="px-2 sm:px-4">
                <LiveRisk row={r} />
                {/* on a phone the priority and countdown stack under the badge */}
                <div className="mt-1 space-y-1 text-xs sm:hidden">
                  <PriorityBadge priority={r.priority} escalationLevel={r.escalationLevel} />
                  <div>
                    <Countdown dueAt={r.dueAt} pausedSince={r.pausedSince} />
                  </div>
                </div>
              </Td>
              <Td className="px-2 sm:px-4">
                <button
                  type="button"
                  className="text-left font-medium text-slate-900 hover:underline focus-visible:underline"
                  onClick={(e) => {
                    e.stopPropagation();
                    select(r.id);
                  }}
                >
                  <span className="text-slate-500 tabular-nums">#{r.number}</span> {r.title}
                </button>
                <div className={`mt-0.5 text-xs text-slate-500 ${col.subline}`}>
                  {r.clientName} · {r.siteName} · {words(r.status)}
                  {r.pausedSince ? " (paused)" : ""}
                  {r.assigneeName ? ` · ${r.assigneeName}` : ""}
                </div>
                <div className={`mt-0.5 text-xs text-slate-500 ${col.factors}`}>
                  <LiveWhy row={r} />
                </div>
              </Td>
              <Td className={col.client}>
                <div>{r.clientName}</div>
                <div className="text-xs text-slate-500">{r.siteName}</div>
              </Td>
              <Td className="hidden sm:table-cell">
                <PriorityBadge priority={r.priority} escalationLevel={r.escalationLevel} />
              </Td>
              <Td className={`text-xs text-slate-600 ${col.assignee}`}>
                {r.assigneeName ?? "unassigned"}
              </Td>
              <Td className={`text-xs ${col.status}`}>
                {r.pausedSince ? (
                  <span className="font-medium text-amber-700">{words(r.status)} · paused</span>
                ) : (
                  words(r.status)
                )}
              </Td>
              <Td className="hidden sm:table-cell">
                <Countdown dueAt={r.dueAt} pausedSince={r.pausedSince} />
              </Td>
              <Td className={`whitespace-nowrap text-xs text-slate-600 ${col.age}`}>
                <Age createdAt={r.createdAt} />
              </Td>
              <Td className={`max-w-xs text-xs text-slate-600 ${col.why}`}>
                <LiveWhy row={r} />
              </Td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How long ago the ticket was opened, in minutes, hours or days. */
function Age({ createdAt }: { createdAt: Date }) {
  const now = useClock();
  return (
    <span suppressHydrationWarning title={`Opened ${createdAt.toISOString()}`}>
      {now === null ? "…" : formatDuration(now - createdAt.getTime(), { precision: "min" })}
    </span>
  );
}

/** The risk badge; a ticket whose due time passes while the page is open turns breached. */
function LiveRisk({ row }: { row: RiskRow }) {
  const now = useClock();
  return breachedNow(row, now) ? (
    <BreachedBadge />
  ) : (
    <ProbabilityBadge probability={row.probability} />
  );
}

/** The top reasons, as of the server's read or, once the due time has passed, as breached. */
function LiveWhy({ row }: { row: RiskRow }) {
  const now = useClock();
  const late = !row.breached && breachedNow(row, now);
  return <>{factorSummary(late && row.factors ? factorsOnceBreached(row.factors) : row.factors)}</>;
}
