"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate, formatTime } from "@/lib/format";
import { SHIFT_RULES, type AttendanceKind } from "@/lib/shifts";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { currentPosition } from "./guard-position";
import {
  arrivalLine,
  locationLine,
  noFixText,
  plainMessage,
  resultTitle,
  type NoFixReason,
  type ResultLine,
} from "./guard-result";
import { GuardButton, GuardLine, GuardSection, GuardStateBadge } from "./guard-ui";

export type MyShift = RouterOutputs["myShift"]["list"][number];
type Recorded = RouterOutputs["myShift"]["checkIn"];

type Answer =
  | { ok: true; kind: AttendanceKind; at: Date; recorded: Recorded; accuracyM: number | null }
  | { ok: false; kind: AttendanceKind; message: string };

/** The shift under way (or next): its times, state and the big Check in / Check out button. */
export function GuardNow({
  shift,
  onActed,
}: {
  shift: MyShift;
  /** told which shift was checked in or out of, to keep it in view with the answer */
  onActed: (shiftId: string) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const checkIn = useMutation(trpc.myShift.checkIn.mutationOptions());
  const checkOut = useMutation(trpc.myShift.checkOut.mutationOptions());
  const [phase, setPhase] = useState<"idle" | "locating" | "sending">("idle");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [noFix, setNoFix] = useState<NoFixReason | null>(null);
  const tz = shift.timeZone;

  async function act(kind: AttendanceKind) {
    setAnswer(null);
    setNoFix(null);
    setPhase("locating");
    onActed(shift.id);
    const { fix, reason } = await currentPosition();
    setNoFix(reason);
    setPhase("sending");
    let next: Answer;
    try {
      const input = { shiftId: shift.id, position: fix };
      const recorded = await (kind === "check_in" ? checkIn : checkOut).mutateAsync(input);
      next = { ok: true, kind, at: new Date(), recorded, accuracyM: fix?.accuracyM ?? null };
    } catch (err) {
      next = { ok: false, kind, message: plainMessage(errorMessage(err)) };
    }
    // the shift as it is now (checked in: the button turns to Check out) before the answer
    await qc.invalidateQueries(trpc.myShift.pathFilter());
    setAnswer(next);
    setPhase("idle");
  }

  const kind: AttendanceKind | null = shift.canCheckOut
    ? "check_out"
    : shift.canCheckIn
      ? "check_in"
      : null;
  const busy = phase !== "idle";
  const opensAt = new Date(shift.startsAt.getTime() - SHIFT_RULES.attachBeforeMinutes * 60_000);

  return (
    <GuardSection title="Your shift">
      <div className="mb-4 space-y-1">
        <div className="flex items-start justify-between gap-3">
          <p className="text-2xl font-semibold tabular-nums text-slate-900">
            {formatTime(shift.startsAt, { timeZone: tz, unnamed: true })}–
            {formatTime(shift.endsAt, { timeZone: tz })}
          </p>
          <GuardStateBadge state={shift.state} />
        </div>
        <p className="text-base text-slate-700">
          {formatDate(shift.startsAt, { timeZone: tz, weekday: true })}
        </p>
        <p className="text-base font-medium text-slate-900">
          {shift.postName} · {shift.siteName}
        </p>
        <p className="text-sm text-slate-600">{shift.siteAddress}</p>
        {shift.checkedInAt ? (
          <p className="text-sm text-slate-700">
            Checked in at {formatTime(shift.checkedInAt, { timeZone: tz })}
            {shift.checkedOutAt
              ? `, out at ${formatTime(shift.checkedOutAt, { timeZone: tz })}`
              : ""}
          </p>
        ) : null}
      </div>

      {kind ? (
        <GuardButton
          variant={kind === "check_in" ? "primary" : "dark"}
          onClick={() => void act(kind)}
          disabled={busy}
          aria-busy={busy}
        >
          {phase === "locating"
            ? "Finding your location…"
            : phase === "sending"
              ? kind === "check_in"
                ? "Checking in…"
                : "Checking out…"
              : kind === "check_in"
                ? "Check in"
                : "Check out"}
        </GuardButton>
      ) : shift.state === "upcoming" ? (
        <p className="rounded-lg bg-slate-50 p-3 text-base text-slate-700">
          Check-in opens at {formatTime(opensAt, { timeZone: tz })}, 2 h before the start.
        </p>
      ) : null}

      <div role="status" aria-live="polite" aria-label="Result" className="empty:hidden">
        {answer ? <AnswerPanel answer={answer} shift={shift} noFix={noFix} /> : null}
      </div>
    </GuardSection>
  );
}

function AnswerPanel({
  answer,
  shift,
  noFix,
}: {
  answer: Answer;
  shift: MyShift;
  noFix: NoFixReason | null;
}) {
  const fixLine: ResultLine[] = noFix ? [{ tone: "warn", text: noFixText(noFix) }] : [];
  if (!answer.ok)
    return (
      <div className="mt-4 rounded-xl border-2 border-red-300 bg-red-50 p-4">
        <h3 className="text-lg font-semibold text-red-900">
          {answer.kind === "check_in" ? "Check-in" : "Check-out"} not recorded
        </h3>
        <ul className="mt-2 space-y-1">
          <GuardLine line={{ tone: "bad", text: answer.message }} />
          {fixLine.map((l) => (
            <GuardLine key={l.text} line={l} />
          ))}
        </ul>
      </div>
    );
  const at = (answer.kind === "check_in" ? shift.checkedInAt : shift.checkedOutAt) ?? answer.at;
  const lines: ResultLine[] = [
    ...(answer.kind === "check_in" ? [arrivalLine(shift.startsAt, at)] : []),
    locationLine({
      verdict: answer.recorded.verdict,
      distanceM: answer.recorded.distanceM,
      matchedSite: answer.recorded.matchedSite,
      siteName: shift.siteName,
      accuracyM: answer.accuracyM,
    }),
    ...(answer.recorded.verdict === "no_fix" ? fixLine : []),
  ];
  const worst = lines.some((l) => l.tone === "bad")
    ? "border-red-300 bg-red-50"
    : lines.some((l) => l.tone === "warn")
      ? "border-amber-300 bg-amber-50"
      : "border-emerald-300 bg-emerald-50";
  return (
    <div className={`mt-4 rounded-xl border-2 p-4 ${worst}`}>
      <h3 className="text-lg font-semibold text-slate-900">
        {resultTitle(answer.kind, at, shift.timeZone)}
      </h3>
      <ul className="mt-2 space-y-1">
        {lines.map((l) => (
          <GuardLine key={l.text} line={l} />
        ))}
      </ul>
    </div>
  );
}
