import { stateCounts } from "./board-logic";
import { type BoardSite, STATES_BY_URGENCY, ShiftStateBadge } from "./board-parts";

/** Today across the sites shown: how many shifts are in each state, most urgent first. */
export function BoardSummary({ sites }: { sites: readonly BoardSite[] }) {
  const { counts, open, total } = stateCounts(sites.flatMap((s) => s.shifts));
  return (
    <div
      role="group"
      aria-label="Today's shifts by state"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm"
    >
      <span className="text-slate-600">
        <b className="text-slate-900 tabular-nums">{total}</b> shifts today
      </span>
      {STATES_BY_URGENCY.map((state) => {
        const n = counts.get(state) ?? 0;
        return (
          <span key={state} className={`flex items-center gap-1 ${n ? "" : "opacity-50"}`}>
            <ShiftStateBadge state={state} />
            <span className="font-semibold tabular-nums">{n}</span>
          </span>
        );
      })}
      {open ? (
        <span className="font-medium text-amber-700">
          {open} open shift{open === 1 ? "" : "s"}
        </span>
      ) : null}
    </div>
  );
}
