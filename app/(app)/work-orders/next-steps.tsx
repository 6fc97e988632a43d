"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useController, type Control } from "react-hook-form";
import type { z } from "zod";
import { TextArea } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useShownField, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { workOrderMoveInput } from "@/lib/schemas/vendors";
import { useTRPC } from "@/lib/trpc/client";
import { findTransition, type WorkOrderAction, type WorkOrderStatus } from "@/lib/work-orders";
import { ACTION_LABELS } from "./parts";
import { useRefresh } from "./use-refresh";

export function NextSteps({
  id,
  status,
  next,
}: {
  id: string;
  status: WorkOrderStatus;
  next: WorkOrderStatus[];
}) {
  const [pending, setPending] = useState<WorkOrderStatus | null>(null);
  // assigning and reassigning pick a vendor in the vendor section
  const steps = next
    .map((to) => ({ to, t: findTransition(status, to) }))
    .filter((s) => s.t && s.t.action !== "assign" && s.t.action !== "reassign");
  if (!steps.length) return null;
  const action = pending ? findTransition(status, pending)?.action : null;
  return (
    <section aria-label="Next steps" className="space-y-2">
      <h3 className="font-semibold">Next steps</h3>
      <div className="flex flex-wrap gap-2">
        {steps.map(({ to, t }) => (
          <Button
            key={to}
            variant={t?.action === "cancel" ? "danger" : pending === to ? "primary" : "secondary"}
            aria-pressed={pending === to}
            onClick={() => setPending(pending === to ? null : to)}
          >
            {t ? ACTION_LABELS[t.action] : to}
          </Button>
        ))}
      </div>
      {pending && action ? (
        <StepForm
          key={pending}
          id={id}
          to={pending}
          action={action}
          onClose={() => setPending(null)}
        />
      ) : null}
    </section>
  );
}

type MoveForm = Control<
  z.input<typeof workOrderMoveInput>,
  unknown,
  z.output<typeof workOrderMoveInput>
>;

/** The chosen step's note (a reason, for a cancel) and, to verify, the rating. */
function StepForm({
  id,
  to,
  action,
  onClose,
}: {
  id: string;
  to: WorkOrderStatus;
  action: WorkOrderAction;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const move = useMutation(trpc.workOrder.move.mutationOptions());
  const form = useZodForm(workOrderMoveInput, { defaultValues: { id, to, note: "" } });
  const { control } = form;
  return (
    <Form
      form={form}
      className="space-y-2 rounded-md bg-slate-50 p-3"
      onSubmit={async ({ note, ...values }) => {
        // no rating yet: the server says what is missing, next to the stars
        await move.mutateAsync({ ...values, ...(note ? { note } : {}) });
        onClose();
        await refresh();
      }}
    >
      {to === "verified" ? <Rating control={control} /> : null}
      <TextArea
        control={control}
        name="note"
        label={action === "cancel" ? "Reason" : "Note (optional)"}
        rows={2}
      />
      <FormError />
      <div className="flex gap-2">
        <SubmitButton>{ACTION_LABELS[action]}</SubmitButton>
        <Button variant="ghost" onClick={onClose}>
          Never mind
        </Button>
      </div>
    </Form>
  );
}

function Rating({ control }: { control: MoveForm }) {
  useShownField("rating");
  const { field, fieldState } = useController({ control, name: "rating" });
  const rating = field.value ?? 0;
  const { onChange } = field;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Quality of the work</legend>
      <div className="mt-1 flex gap-1" role="radiogroup" aria-label="Rating">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} of 5`}
            onClick={() => onChange(n)}
            className={`text-2xl leading-none ${n <= rating ? "text-amber-500" : "text-slate-300"} hover:text-amber-400`}
          >
            ★
          </button>
        ))}
      </div>
      {fieldState.error ? (
        <p role="alert" className="text-xs text-red-700">
          {fieldState.error.message}
        </p>
      ) : null}
    </fieldset>
  );
}
