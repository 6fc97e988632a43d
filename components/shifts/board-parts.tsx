import { Badge, type Tone } from "@/components/ui/badge";
import { SHIFT_STATE_LABELS, type LocationVerdict, type ShiftState } from "@/lib/shifts";
import type { RouterOutputs } from "@/lib/trpc/types";

export type BoardSite = RouterOutputs["shift"]["board"]["sites"][number];
export type BoardRow = BoardSite["shifts"][number];

export const STATE_TONES: Record<ShiftState, Tone> = {
  upcoming: "slate",
  on_duty: "green",
  late: "amber",
  no_show: "red",
  wrong_site: "red",
  uncertain: "violet",
  completed: "sky",
  excused: "slate",
  cancelled: "slate",
};

/** The states in the order a manager acts on them (the summary strip, the week legend). */
export const STATES_BY_URGENCY: readonly ShiftState[] = [
  "no_show",
  "wrong_site",
  "late",
  "uncertain",
  "on_duty",
  "upcoming",
  "completed",
  "excused",
];

/** The shift's state as text in its colour: the text, not the colour, carries it. */
export function ShiftStateBadge({ state }: { state: ShiftState }) {
  return (
    <span data-testid="shift-state" data-state={state}>
      <Badge tone={STATE_TONES[state]}>{SHIFT_STATE_LABELS[state]}</Badge>
    </span>
  );
}

const VERDICT_TEXT: Record<LocationVerdict, string> = {
  on_site: "on site",
  uncertain: "fix straddles the fence",
  wrong_site: "outside the site",
  no_fix: "no position",
};
const VERDICT_CLASS: Record<LocationVerdict, string> = {
  on_site: "text-slate-500",
  uncertain: "text-violet-700",
  wrong_site: "font-medium text-red-700",
  no_fix: "text-slate-500",
};

export const formatMetres = (m: number) =>
  m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;

/** "07:04 · +4 min" and, under it, "35 m · on site": when and where the guard checked in. */
export function CheckInCell({ row }: { row: BoardRow }) {
  if (!row.checkedInLocal) return <span className="text-slate-400">—</span>;
  const late = row.minutesLate ?? 0;
  return (
    <div className="leading-tight">
      <div className="tabular-nums">
        {row.checkedInLocal}
        {late > 0 ? (
          <span className={late > 15 ? "font-medium text-amber-700" : "text-slate-500"}>
            {" "}
            · +{late} min
          </span>
        ) : row.earlyMinutes ? (
          <span className="text-amber-700"> · {row.earlyMinutes} min early</span>
        ) : null}
      </div>
      <div className="text-xs">
        {row.distanceM !== null ? (
          <span className="text-slate-600 tabular-nums">{formatMetres(row.distanceM)} · </span>
        ) : null}
        {row.checkInVerdict ? (
          <span className={VERDICT_CLASS[row.checkInVerdict]}>
            {VERDICT_TEXT[row.checkInVerdict]}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** "92.5 %" or "–" when there is nothing to measure yet. */
export const pct = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} %`);

/** A percentage in the tone of how good it is (higher is better unless `lowerIsBetter`). */
export function PctBadge({
  value,
  good,
  fair,
  lowerIsBetter = false,
}: {
  value: number | null;
  good: number;
  fair: number;
  lowerIsBetter?: boolean;
}) {
  if (value === null) return <span className="text-slate-400">–</span>;
  const ok = lowerIsBetter ? value <= good : value >= good;
  const meh = lowerIsBetter ? value <= fair : value >= fair;
  return <Badge tone={ok ? "green" : meh ? "amber" : "red"}>{pct(value)}</Badge>;
}
