"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { MyShift } from "./guard-now";
import { plainMessage } from "./guard-result";
import { GuardStateBadge } from "./guard-ui";

/** The guard's other shifts (earlier today and the week ahead), each confirmable before it starts. */
export function GuardUpcoming({ shifts }: { shifts: MyShift[] }) {
  if (!shifts.length)
    return <p className="text-base text-slate-700">No other shifts in the next 7 days.</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {shifts.map((s) => (
        <ShiftRow key={s.id} shift={s} />
      ))}
    </ul>
  );
}

function ShiftRow({ shift }: { shift: MyShift }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const confirm = useMutation(
    trpc.myShift.confirm.mutationOptions({
      onSuccess: () => qc.invalidateQueries(trpc.myShift.pathFilter()),
      onError: (err) => setError(plainMessage(errorMessage(err))),
    }),
  );
  const tz = shift.timeZone;
  const when = formatDate(shift.startsAt, { timeZone: tz, weekday: true });
  return (
    <li className="flex items-center gap-3 py-3">
      <div className="min-w-0 flex-1">
        <div className="text-base font-medium text-slate-900">{when}</div>
        <div className="text-base tabular-nums text-slate-800">
          {formatTime(shift.startsAt, { timeZone: tz, unnamed: true })}–
          {formatTime(shift.endsAt, { timeZone: tz })}
        </div>
        <div className="text-sm text-slate-600">
          {shift.postName} · {shift.siteName}
        </div>
        {error ? (
          <p role="alert" className="mt-1 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1.5">
        <GuardStateBadge state={shift.state} />
        {shift.canConfirm ? (
          <button
            type="button"
            onClick={() => {
              setError(null);
              confirm.mutate({ shiftId: shift.id });
            }}
            disabled={confirm.isPending}
            aria-label={`Confirm the shift on ${when}`}
            className="min-h-12 rounded-xl bg-white px-4 text-base font-semibold text-sky-800 ring-2 ring-sky-300 hover:bg-sky-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
          >
            {confirm.isPending ? "Confirming…" : "Confirm"}
          </button>
        ) : shift.confirmed && shift.state === "upcoming" ? (
          <Badge tone="green">✓ Confirmed</Badge>
        ) : null}
      </div>
    </li>
  );
}
