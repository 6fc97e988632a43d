"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { currentPosition } from "@/components/shifts/guard-position";
import { noFixText, plainMessage, type NoFixReason } from "@/components/shifts/guard-result";
import { GuardTour } from "@/components/shifts/guard-tour";
import {
  GuardButton,
  GuardLine,
  GuardLinkButton,
  GuardSection,
} from "@/components/shifts/guard-ui";
import { formatDistance } from "@/components/shifts/guard-result";
import { formatTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";

type Scanned = RouterOutputs["myShift"]["scan"];
type Outcome = { ok: true; scan: Scanned } | { ok: false; message: string; retry: boolean };

/** What a refused scan means for the guard, beyond the server's reason. */
function refusal(err: unknown): { message: string; retry: boolean } {
  const code =
    err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
  if (code === "NOT_FOUND")
    return {
      message: "This code is not a checkpoint in use. Tell your supervisor which one it is.",
      retry: false,
    };
  if (code) return { message: plainMessage(errorMessage(err)), retry: false };
  return {
    message: "The scan could not be sent. Check your connection and try again.",
    retry: true,
  };
}

export function ScanClient({ token }: { token: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const scan = useMutation(trpc.myShift.scan.mutationOptions());
  const tours = useQuery(trpc.myShift.tours.queryOptions());
  const [phase, setPhase] = useState<"locating" | "sending" | "done">("locating");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [noFix, setNoFix] = useState<NoFixReason | null>(null);
  const started = useRef(false);
  const { mutateAsync } = scan;

  const record = useCallback(async () => {
    setPhase("locating");
    setOutcome(null);
    const { fix, reason } = await currentPosition();
    setNoFix(reason);
    setPhase("sending");
    let next: Outcome;
    try {
      next = { ok: true, scan: await mutateAsync({ token, position: fix }) };
    } catch (err) {
      next = { ok: false, ...refusal(err) };
    }
    // the round below as it is now, with this scan
    await qc.invalidateQueries(trpc.myShift.pathFilter());
    setOutcome(next);
    setPhase("done");
  }, [mutateAsync, token, qc, trpc]);

  // once per visit (a reload is a second scan, which the server refuses as a replay)
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void record();
  }, [record]);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Checkpoint scan</h1>
      <div role="status" aria-live="polite" aria-label="Scan result">
        {phase !== "done" || !outcome ? (
          <div className="rounded-2xl border border-slate-200 bg-white p-6 text-center">
            <p className="text-lg text-slate-800">
              {phase === "locating" ? "Finding your location…" : "Recording the scan…"}
            </p>
          </div>
        ) : outcome.ok ? (
          <Success scan={outcome.scan} noFix={noFix} />
        ) : (
          <div className="rounded-2xl border-2 border-red-300 bg-red-50 p-6 text-center">
            <div
              aria-hidden
              className="mx-auto grid size-20 place-items-center rounded-full bg-red-600 text-5xl font-bold text-white"
            >
              ✕
            </div>
            <h2 className="mt-3 text-2xl font-semibold text-red-900">Scan not recorded</h2>
            <p className="mt-2 text-lg text-red-900">{outcome.message}</p>
            {outcome.retry ? (
              <GuardButton className="mt-4" onClick={() => void record()}>
                Try again
              </GuardButton>
            ) : null}
          </div>
        )}
      </div>
      <GuardLinkButton href="/me/shifts">← Back to my shifts</GuardLinkButton>
      {phase === "done" && tours.data?.onDuty && tours.data.rounds.length ? (
        <GuardSection title="Tour">
          <GuardTour onDuty rounds={tours.data.rounds} />
        </GuardSection>
      ) : null}
    </div>
  );
}

function Success({ scan, noFix }: { scan: Scanned; noFix: NoFixReason | null }) {
  return (
    <div className="rounded-2xl border-2 border-emerald-300 bg-emerald-50 p-6 text-center">
      <div
        aria-hidden
        className="mx-auto grid size-20 place-items-center rounded-full bg-emerald-600 text-5xl font-bold text-white"
      >
        ✓
      </div>
      <h2 className="mt-3 text-2xl font-semibold text-emerald-900">Scan recorded</h2>
      <p className="mt-1 text-xl font-medium text-slate-900">{scan.checkpoint}</p>
      <p className="text-base text-slate-700">
        {scan.tour} · {scan.site} · round of{" "}
        {formatTime(scan.roundStartsAt, { timeZone: scan.timeZone, unnamed: true })}
      </p>
      <ul className="mt-3 space-y-1 text-left">
        {scan.distanceM != null ? (
          <GuardLine
            line={{ tone: "good", text: `${formatDistance(scan.distanceM)} from the checkpoint` }}
          />
        ) : null}
        {noFix ? <GuardLine line={{ tone: "warn", text: noFixText(noFix) }} /> : null}
      </ul>
    </div>
  );
}
