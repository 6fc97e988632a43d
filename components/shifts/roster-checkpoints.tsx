"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { moved } from "./roster-format";
import { useRosterRefresh } from "./roster-refresh";

type Tour = RouterOutputs["roster"]["tours"][number];

/** A tour's checkpoints in walking order, moved up or down one place at a time. */
export function RosterCheckpoints({
  tour,
  selected,
  onEdit,
}: {
  tour: Tour;
  selected: string | null;
  onEdit: (id: string) => void;
}) {
  const trpc = useTRPC();
  const onSuccess = useRosterRefresh();
  const reorder = useMutation(trpc.roster.reorderCheckpoints.mutationOptions({ onSuccess }));
  const [said, setSaid] = useState("");
  const list = tour.checkpoints;
  const move = (index: number, by: -1 | 1) => {
    const c = list[index];
    if (!c) return;
    const ids = moved(
      list.map((x) => x.id),
      index,
      by,
    );
    reorder.mutate(
      { tourId: tour.id, ids },
      { onSuccess: () => setSaid(`${c.name} is now number ${index + by + 1} of ${list.length}.`) },
    );
  };
  return (
    <Card title="Checkpoints">
      <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
        In the order the guard walks them. Each has its own QR code; a new code stops the printed
        one from working.
      </p>
      {list.length ? (
        <ol aria-label="Checkpoints in order" className="divide-y divide-slate-100">
          {list.map((c, i) => (
            <li
              key={c.id}
              aria-current={selected === c.id ? "true" : undefined}
              className={`flex flex-wrap items-center gap-3 px-4 py-2.5 ${selected === c.id ? "bg-sky-50" : ""}`}
            >
              <span
                aria-hidden
                className="grid size-7 shrink-0 place-items-center rounded-full bg-slate-800 text-xs font-semibold text-white"
              >
                {i + 1}
              </span>
              <div className="min-w-0 flex-1">
                <div className="font-medium text-slate-900">
                  <span className="sr-only">{i + 1}. </span>
                  {c.name} {c.active ? null : <Badge>Inactive</Badge>}
                </div>
                <div className="text-xs text-slate-500">
                  {[
                    c.location,
                    c.latitude != null && c.longitude != null
                      ? `${c.latitude.toFixed(5)}, ${c.longitude.toFixed(5)}`
                      : null,
                    `scan within ${c.toleranceMinutes} min`,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
              </div>
              <div className="flex items-center gap-1">
                <Button
                  variant="ghost"
                  aria-label={`Move ${c.name} up`}
                  disabled={i === 0 || reorder.isPending}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Move ${c.name} down`}
                  disabled={i === list.length - 1 || reorder.isPending}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Edit checkpoint ${c.name}`}
                  onClick={() => onEdit(c.id)}
                >
                  Edit
                </Button>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>No checkpoints yet. Add the places the guard must scan.</EmptyState>
      )}
      <p role="status" className="sr-only">
        {said}
      </p>
      {reorder.error ? (
        <p role="alert" className="px-4 pb-3 text-sm text-red-700">
          {errorMessage(reorder.error)}
        </p>
      ) : null}
    </Card>
  );
}
