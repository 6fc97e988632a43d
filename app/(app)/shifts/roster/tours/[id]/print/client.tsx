"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { RosterPrintSheet } from "@/components/shifts/roster-print-sheet";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import { RosterTourGone } from "@/components/shifts/roster-tour-gone";

const noop = () => () => undefined;
/** This app's origin as the browser sees it (the codes point there); empty while rendering. */
const useOrigin = () =>
  useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => "",
  );

/** The print view of a tour's checkpoint codes: a toolbar on screen, only the sheet on paper. */
export function PrintClient({ tourId, input }: { tourId: string; input: { siteId?: string } }) {
  const trpc = useTRPC();
  const tours = useQuery(trpc.roster.tours.queryOptions(input));
  const tour = tours.data?.find((t) => t.id === tourId);
  const origin = useOrigin();
  if (!tour) {
    return <RosterTourGone />;
  }
  const active = tour.checkpoints.filter((c) => c.active).length;
  const inactive = tour.checkpoints.length - active;
  return (
    <div className="mx-auto max-w-4xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            QR codes: {tour.name}
          </h1>
          <p className="mt-0.5 text-sm text-slate-600">
            Print on A4 and fix each code at its checkpoint. Only this sheet is printed.
            {inactive
              ? ` ${inactive} inactive checkpoint${inactive === 1 ? " is" : "s are"} left out.`
              : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Link
            href={`/shifts/roster/tours/${tour.id}?site=${tour.siteId}`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Back to tour
          </Link>
          <Button onClick={() => window.print()} disabled={!active}>
            Print
          </Button>
        </div>
      </div>
      {active ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-xs print:border-0 print:p-0 print:shadow-none">
          <RosterPrintSheet tour={tour} origin={origin} />
        </div>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-sm text-slate-500">
          This tour has no active checkpoints to print.
        </p>
      )}
    </div>
  );
}
