import { Badge } from "@/components/ui/badge";
import { formatTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

export type MyRound = RouterOutputs["myShift"]["tours"]["rounds"][number];

/**
 * The rounds to walk: each open round with its checkpoints in order and their state, then
 * the next round's start. A guard not on duty is told when tours appear.
 */
export function GuardTour({ onDuty, rounds }: { onDuty: boolean; rounds: MyRound[] }) {
  if (!onDuty)
    return (
      <p className="text-base text-slate-700">
        Your tour appears here while you are on duty (from 30 min before your shift starts).
      </p>
    );
  const open = rounds.filter((r) => r.open);
  const next = rounds.find((r) => !r.open);
  if (!open.length && !next)
    return <p className="text-base text-slate-700">No tour rounds at your site in the next 3 h.</p>;
  return (
    <div className="space-y-4">
      {open.map((r) => (
        <Round key={r.runId} round={r} />
      ))}
      {next ? (
        <p className="text-base text-slate-700">
          Next round: {next.tourName} at{" "}
          <span className="font-medium tabular-nums">{next.localStart}</span>
        </p>
      ) : null}
    </div>
  );
}

function Round({ round }: { round: MyRound }) {
  const done = round.checkpoints.filter((c) => c.scannedAt).length;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="text-base font-semibold text-slate-900">
          {round.tourName} · round of {round.localStart}
        </h3>
        <span className="flex gap-1.5">
          {round.critical ? <Badge tone="red">Critical</Badge> : null}
          <Badge tone={done === round.checkpoints.length ? "green" : "sky"}>
            {done} of {round.checkpoints.length} scanned
          </Badge>
        </span>
      </div>
      <ol aria-label={`Checkpoints of ${round.tourName}`} className="space-y-2">
        {round.checkpoints.map((c) => (
          <li key={c.id} className="flex items-center gap-3 rounded-xl border border-slate-200 p-3">
            <span
              aria-hidden
              className={`grid size-8 shrink-0 place-items-center rounded-full text-sm font-bold ${
                c.scannedAt
                  ? "bg-emerald-600 text-white"
                  : c.missed
                    ? "bg-red-600 text-white"
                    : "bg-slate-200 text-slate-800"
              }`}
            >
              {c.scannedAt ? "✓" : c.missed ? "✕" : c.seq}
            </span>
            <div className="min-w-0 flex-1">
              <div className="text-base font-medium text-slate-900">{c.name}</div>
              {c.location ? <div className="text-sm text-slate-600">{c.location}</div> : null}
            </div>
            <div className="shrink-0 text-right text-sm">
              {c.scannedAt ? (
                <span className="font-medium text-emerald-800">
                  Scanned {formatTime(c.scannedAt, { timeZone: round.timeZone, unnamed: true })}
                </span>
              ) : c.missed ? (
                <span className="font-medium text-red-800">Missed</span>
              ) : (
                <span className="text-slate-700">
                  Due by <span className="tabular-nums">{c.localDue}</span>
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
