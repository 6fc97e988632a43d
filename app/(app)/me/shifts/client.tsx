"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { GuardNow } from "@/components/shifts/guard-now";
import { GuardScanHelp } from "@/components/shifts/guard-scan-help";
import { GuardTour } from "@/components/shifts/guard-tour";
import { GuardSection } from "@/components/shifts/guard-ui";
import { GuardUpcoming } from "@/components/shifts/guard-upcoming";
import { ROLE_LABELS } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";

/** States and open rounds move with the clock as well as with writes (which arrive live). */
const REFRESH_MS = 60_000;

/** The guard's phone page: the shift to check in to, the tour to walk, the week ahead. */
export function MyShiftsClient() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const list = useQuery(trpc.myShift.list.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const tours = useQuery(
    trpc.myShift.tours.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  // the shift the guard just checked in or out of stays in view with its answer
  const [pinned, setPinned] = useState<string | null>(null);
  const shifts = list.data ?? [];
  const current =
    shifts.find((s) => s.id === pinned) ??
    shifts.find((s) => s.canCheckOut) ??
    shifts.find((s) => s.canCheckIn) ??
    shifts.find((s) => s.state === "upcoming");
  const others = shifts.filter((s) => s.id !== current?.id);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          Good to see you, {me.data?.name.split(" ")[0] ?? ""}
        </h1>
        {me.data ? (
          <p className="text-base text-slate-600">
            {ROLE_LABELS[me.data.role]} at {me.data.tenant.name}
          </p>
        ) : null}
      </div>

      {current ? (
        <GuardNow key={current.id} shift={current} onActed={setPinned} />
      ) : (
        <GuardSection title="Your shift">
          <p className="text-base text-slate-700">
            {list.isError ? "Your shifts could not be loaded." : "No shift in the next 7 days."}
          </p>
        </GuardSection>
      )}

      <GuardSection title="Tour">
        <div className="space-y-4">
          <GuardScanHelp />
          {tours.data ? <GuardTour onDuty={tours.data.onDuty} rounds={tours.data.rounds} /> : null}
        </div>
      </GuardSection>

      <GuardSection title="Your week">
        <GuardUpcoming shifts={others} />
      </GuardSection>
    </div>
  );
}
