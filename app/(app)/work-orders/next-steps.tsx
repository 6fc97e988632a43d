"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { findTransition, type WorkOrderStatus } from "@/lib/work-orders";
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
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [pending, setPending] = useState<WorkOrderStatus | null>(null);
  const [note, setNote] = useState("");
  const [rating, setRating] = useState(0);
  const move = useMutation(
    trpc.workOrder.move.mutationOptions({
      onSuccess: async () => {
        setPending(null);
        setNote("");
        setRating(0);
        await refresh();
      },
    }),
  );
  // assigning and reassigning pick a vendor in the vendor section
  const steps = next
    .map((to) => ({ to, t: findTransition(status, to) }))
    .filter((s) => s.t && s.t.action !== "assign" && s.t.action !== "reassign");
  if (!steps.length) return null;
  const errs = fieldErrors(move.error);
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
            onClick={() => {
              move.reset();
              setPending(pending === to ? null : to);
            }}
          >
            {t ? ACTION_LABELS[t.action] : to}
          </Button>
        ))}
      </div>
      {pending && action ? (
        <form
          className="space-y-2 rounded-md bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({
              id,
              to: pending,
              ...(note.trim() ? { note: note.trim() } : {}),
              // no rating yet: the server says what is missing, next to the stars
              ...(pending === "verified" && rating ? { rating } : {}),
            });
          }}
        >
          {pending === "verified" ? (
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
                    onClick={() => setRating(n)}
                    className={`text-2xl leading-none ${n <= rating ? "text-amber-500" : "text-slate-300"} hover:text-amber-400`}
                  >
                    ★
                  </button>
                ))}
              </div>
              {errs.rating ? (
                <p role="alert" className="text-xs text-red-700">
                  {errs.rating}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <Field label={action === "cancel" ? "Reason" : "Note (optional)"} error={errs.note}>
            <Textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {move.error && !errs.rating && !errs.note ? (
            <p role="alert" className="text-red-700">
              {errorMessage(move.error)}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={move.isPending}>
              {ACTION_LABELS[action]}
            </Button>
            <Button variant="ghost" onClick={() => setPending(null)}>
              Never mind
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
