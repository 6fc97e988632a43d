"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { RosterCheckpointForm } from "@/components/shifts/roster-checkpoint-form";
import { RosterCheckpoints } from "@/components/shifts/roster-checkpoints";
import { formatDays, formatRounds } from "@/components/shifts/roster-format";
import { RosterTourForm } from "@/components/shifts/roster-tour-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { useTRPC } from "@/lib/trpc/client";
import { RosterTourGone } from "@/components/shifts/roster-tour-gone";
import { rosterHref } from "../../search-params";

type Panel = { kind: "add" } | { kind: "checkpoint"; id: string } | { kind: "tour" };

const linkButton =
  "inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 bg-white text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600";

/** One guard tour: its rounds, and its checkpoints in the order they are walked. */
export function TourClient({ tourId, input }: { tourId: string; input: { siteId?: string } }) {
  const trpc = useTRPC();
  const tours = useQuery(trpc.roster.tours.queryOptions(input));
  const tour = tours.data?.find((t) => t.id === tourId);
  const [panel, setPanel] = useState<Panel>({ kind: "add" });
  if (!tour) {
    return <RosterTourGone />;
  }
  const editing =
    panel.kind === "checkpoint" ? tour.checkpoints.find((c) => c.id === panel.id) : undefined;
  const active = tour.checkpoints.filter((c) => c.active).length;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link
          href={rosterHref(tour.siteId)}
          className="font-medium text-sky-800 underline-offset-2 hover:underline"
        >
          ← Roster of {tour.siteName}
        </Link>
      </nav>
      <PageHeader
        title={tour.name}
        description={`${tour.siteName} · ${formatDays(tour.days)}, ${formatRounds(tour)}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {tour.critical ? <Badge tone="red">Critical: missed rounds alert the NOC</Badge> : null}
            {tour.active ? null : <Badge>Inactive</Badge>}
            <Button variant="secondary" onClick={() => setPanel({ kind: "tour" })}>
              Edit tour
            </Button>
            {active ? (
              <Link
                href={`/shifts/roster/tours/${tour.id}/print?site=${tour.siteId}`}
                className={linkButton}
              >
                Print QR codes
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_400px]">
        <RosterCheckpoints
          tour={tour}
          selected={editing?.id ?? null}
          onEdit={(id) => setPanel({ kind: "checkpoint", id })}
        />
        <div className="space-y-4 lg:sticky lg:top-4">
          {panel.kind === "tour" ? (
            <RosterTourForm
              siteId={tour.siteId}
              tour={tour}
              onDone={() => setPanel({ kind: "add" })}
            />
          ) : editing ? (
            <RosterCheckpointForm
              key={editing.id}
              tourId={tour.id}
              checkpoint={editing}
              onDone={() => setPanel({ kind: "add" })}
            />
          ) : (
            <RosterCheckpointForm key="add" tourId={tour.id} onDone={() => undefined} />
          )}
        </div>
      </div>
    </>
  );
}
