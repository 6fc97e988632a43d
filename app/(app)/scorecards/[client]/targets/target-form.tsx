"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { NumberField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { formatKpiValue } from "@/lib/scorecard-format";
import { errorMessage } from "@/lib/trpc/errors";
import { KPI_DEFS, type KpiKey } from "@/lib/scorecards";
import { redAtRule, scorecardTargetForm } from "@/lib/schemas/scorecards";
import { useTRPC } from "@/lib/trpc/client";

export type TargetRow = { kpi: KpiKey; target: number; redAt: number; isDefault: boolean };

const UNIT_WORDS = {
  pct: "%",
  count: "count",
  minutes: "minutes",
  days: "days",
  score: "score 0–100",
} as const;

/** One KPI's target and red threshold, edited in place under its row. */
export function TargetForm({
  clientId,
  row,
  onSaved,
  onCancel,
}: {
  clientId: string;
  row: TargetRow;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const def = KPI_DEFS[row.kpi];
  const schema = useMemo(() => scorecardTargetForm(row.kpi), [row.kpi]);
  const form = useZodForm(schema, { defaultValues: { target: row.target, redAt: row.redAt } });
  const save = useMutation(
    trpc.scorecard.setTarget.mutationOptions({
      onSuccess: () =>
        qc.invalidateQueries({ queryKey: trpc.scorecard.targets.queryKey({ clientId }) }),
    }),
  );
  const reset = useMutation(
    trpc.scorecard.resetTarget.mutationOptions({
      onSuccess: () =>
        qc.invalidateQueries({ queryKey: trpc.scorecard.targets.queryKey({ clientId }) }),
    }),
  );
  const unit = UNIT_WORDS[def.unit];
  return (
    <Form
      form={form}
      aria-label={`Edit ${def.label}`}
      className="space-y-3 bg-slate-50 px-4 py-3"
      onSubmit={async (values) => {
        const saved = await save.mutateAsync({ clientId, kpi: row.kpi, ...values });
        onSaved(
          `${def.label} saved: target ${formatKpiValue(row.kpi, saved.target)}, red at ${formatKpiValue(row.kpi, saved.redAt)}.`,
        );
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:max-w-xl">
        <NumberField
          control={form.control}
          name="target"
          label={`Target (${unit})`}
          hint={`Default ${formatKpiValue(row.kpi, def.target)}; ${def.higherIsBetter ? "at or above" : "at or below"} is green`}
        />
        <NumberField
          control={form.control}
          name="redAt"
          label={`Red at (${unit})`}
          hint={`Default ${formatKpiValue(row.kpi, def.redAt)}; ${redAtRule(row.kpi).replace("Red must be", "must be").replace(" for this KPI", "")}`}
        />
      </div>
      <FormError />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending="Saving…">Save {def.label}</SubmitButton>
        <Button
          variant="secondary"
          onClick={() => {
            form.setValue("target", def.target, { shouldDirty: true });
            form.setValue("redAt", def.redAt, { shouldDirty: true });
            form.clearErrors();
          }}
        >
          Fill in defaults
        </Button>
        {row.isDefault ? null : (
          <Button
            variant="secondary"
            disabled={reset.isPending}
            onClick={async () => {
              form.clearErrors();
              try {
                await reset.mutateAsync({ clientId, kpi: row.kpi });
                onSaved(`${def.label} is back on the default target.`);
              } catch (err) {
                form.setError("root.server", { type: "server", message: errorMessage(err) });
              }
            }}
          >
            {reset.isPending ? "Resetting…" : "Reset to default"}
          </Button>
        )}
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
