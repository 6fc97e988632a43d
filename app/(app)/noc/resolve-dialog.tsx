"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { RESOLUTIONS } from "@/lib/noc";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useAlertRefresh } from "./use-alert-refresh";

type Resolution = (typeof RESOLUTIONS)[number];

export const RESOLUTION_LABELS: Record<(typeof RESOLUTIONS)[number], string> = {
  manual: "Real incident, handled",
  auto: "Cleared by itself",
  duplicate: "Duplicate",
  false_alarm: "False alarm",
};

const isResolution = (v: string): v is Resolution => (RESOLUTIONS as readonly string[]).includes(v);

/**
 * Resolving with no resolution chosen: the resolution is the label the next model training
 * learns from, so there is no default and Enter alone resolves nothing.
 */
export function ResolveDialog({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = useAlertRefresh();
  const resolve = useMutation(
    trpc.alert.resolve.mutationOptions({
      onSuccess: (_, { ids }) => {
        // the queue and panels refetch behind the closed dialog; so does the false-alarm panel
        void refresh.alerts(ids);
        void qc.invalidateQueries(trpc.alert.falseAlarmRates.pathFilter());
        onDone();
      },
    }),
  );
  const [resolution, setResolution] = useState<Resolution | null>(null);
  const [nudged, setNudged] = useState(false);
  const [note, setNote] = useState("");
  return (
    <div
      className="fixed inset-0 z-30 grid place-items-center bg-slate-900/40 p-4"
      onKeyDown={(e) => e.key === "Escape" && onDone()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Resolve alerts"
        className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 className="text-lg font-semibold">
          Resolve {ids.length} alert{ids.length === 1 ? "" : "s"}
        </h2>
        <form
          className="mt-3 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!resolution) return setNudged(true);
            resolve.mutate({ ids, resolution, note: note || undefined });
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !resolution && !(e.target instanceof HTMLTextAreaElement)) {
              e.preventDefault();
              setNudged(true);
            }
          }}
        >
          <Field label="Resolution">
            <Select
              autoFocus
              required
              aria-describedby="resolution-hint"
              value={resolution ?? ""}
              onChange={(e) => {
                const v = e.target.value;
                setResolution(isResolution(v) ? v : null);
              }}
            >
              <option value="" disabled>
                Choose how it ended…
              </option>
              {RESOLUTIONS.map((r) => (
                <option key={r} value={r}>
                  {RESOLUTION_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Note" hint="What happened; the next model training learns from it.">
            <textarea
              className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
          {!resolution ? (
            <p
              id="resolution-hint"
              role={nudged ? "alert" : undefined}
              className={`text-xs ${nudged ? "font-medium text-red-700" : "text-slate-500"}`}
            >
              Choose a resolution first: the priority model learns from it.
            </p>
          ) : null}
          {resolve.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(resolve.error)}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" disabled={!resolution || resolve.isPending}>
              Resolve
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
