"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { Select, TextArea } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { RESOLUTIONS } from "@/lib/noc";
import { alertResolveInput } from "@/lib/schemas/noc";
import { useTRPC } from "@/lib/trpc/client";
import { useAlertRefresh } from "./use-alert-refresh";

export const RESOLUTION_LABELS: Record<(typeof RESOLUTIONS)[number], string> = {
  manual: "Real incident, handled",
  auto: "Cleared by itself",
  duplicate: "Duplicate",
  false_alarm: "False alarm",
};

/**
 * Resolving with no resolution chosen: the resolution is the label the next model training
 * learns from, so there is no default and Enter alone resolves nothing.
 */
export function ResolveDialog({
  ids,
  onResolved,
  onDone,
}: {
  ids: string[];
  /** after the alerts are resolved (before onDone) */
  onResolved?: (ids: string[]) => void;
  /** the dialog closes: resolved or cancelled */
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = useAlertRefresh();
  const resolve = useMutation(
    trpc.alert.resolve.mutationOptions({
      onSuccess: (_, { ids }) => {
        // the queue and panels refetch behind the closed dialog; so does the false-alarm panel
        void refresh.alerts(ids);
        void qc.invalidateQueries(trpc.alert.falseAlarmRates.pathFilter());
        onResolved?.(ids);
        onDone();
      },
    }),
  );
  const [nudged, setNudged] = useState(false);
  const form = useZodForm(alertResolveInput, { defaultValues: { ids, note: "" } });
  const { control } = form;
  const resolution = useWatch({ control, name: "resolution" });
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
        <Form
          form={form}
          className="mt-3 space-y-3"
          onSubmit={({ note, ...values }) =>
            resolve.mutateAsync({ ...values, note: note || undefined })
          }
          onKeyDown={(e) => {
            if (e.key === "Enter" && !resolution && !(e.target instanceof HTMLTextAreaElement)) {
              e.preventDefault();
              setNudged(true);
            }
          }}
        >
          <Select
            control={control}
            name="resolution"
            label="Resolution"
            autoFocus
            required
            aria-describedby="resolution-hint"
            placeholder="Choose how it ended…"
            options={RESOLUTIONS.map((r) => ({ value: r, label: RESOLUTION_LABELS[r] }))}
          />
          <TextArea
            control={control}
            name="note"
            label="Note"
            hint="What happened; the next model training learns from it."
            rows={3}
          />
          {!resolution ? (
            <p
              id="resolution-hint"
              role={nudged ? "alert" : undefined}
              className={`text-xs ${nudged ? "font-medium text-red-700" : "text-slate-500"}`}
            >
              Choose a resolution first: the priority model learns from it.
            </p>
          ) : null}
          <FormError />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onDone}>
              Cancel
            </Button>
            <SubmitButton disabled={!resolution}>Resolve</SubmitButton>
          </div>
        </Form>
      </div>
    </div>
  );
}
