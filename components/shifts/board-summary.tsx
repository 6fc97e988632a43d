import type { RouterOutputs } from "@/lib/trpc/types";
import { STATES_BY_URGENCY, ShiftStateBadge } from "./board-parts";

type Summary = RouterOutputs["shift"]["board"]["summary"];

/** Today across every site in scope (not only the page shown): shifts by state, most urgent first. */
export function BoardSummary({ summary, sites }: { summary: Summary; sites: number }) {
  const { counts, open, total, attentionSites } = summary;
  return (
    <div
      role="group"
      aria-label="Today's shifts by state"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm"
    >
      <span className="text-slate-600">
        <b className="text-slate-900 tabular-nums">{total}</b> shifts today
        {sites > 1 ? ` at ${sites} sites` : ""}
      </span>
      {STATES_BY_URGENCY.map((state) => {
        const n = counts[state] ?? 0;
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
      {sites > 1 && attentionSites ? (
        <span className="font-medium text-red-700">
          {attentionSites} site{attentionSites === 1 ? " needs" : "s need"} attention (shown first)
        </span>
      ) : null}
    </div>
  );
}
