"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { formatDay } from "@/lib/format";
import { holidayFormInput } from "@/lib/schemas/sla";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

const recomputedText = (n: number) => `${n} open ticket${n === 1 ? "" : "s"} recomputed`;

/** Days on which a client's business-hours clocks stand still, on top of the weekly hours. */
export function HolidaysCard({ onChanged }: { onChanged: (notice: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries(trpc.slaPolicy.pathFilter());
  const list = useQuery(trpc.slaPolicy.list.queryOptions());
  const clients = useQuery(trpc.client.list.queryOptions());
  const add = useMutation(trpc.slaPolicy.addHoliday.mutationOptions());
  const remove = useMutation(
    trpc.slaPolicy.removeHoliday.mutationOptions({
      onSuccess: (r) => {
        void refresh();
        onChanged(`Removed the holiday: ${recomputedText(r.recomputed)}.`);
      },
    }),
  );
  const form = useZodForm(holidayFormInput, {
    defaultValues: { clientId: "", day: "", name: "" },
  });
  const { control } = form;
  const holidays = list.data?.holidays ?? [];
  return (
    <Card title="Client holidays">
      <Form
        form={form}
        aria-label="Add a holiday"
        className="grid grid-cols-1 gap-3 border-b border-slate-200 p-4 text-sm sm:grid-cols-3 sm:items-start"
        onSubmit={async (values) => {
          const r = await add.mutateAsync(values);
          void refresh();
          onChanged(`Added ${values.name} (${values.day}): ${recomputedText(r.recomputed)}.`);
          form.reset({ ...values, day: "", name: "" });
        }}
      >
        <Select
          control={control}
          name="clientId"
          label="Client"
          placeholder="Choose…"
          options={clients.data?.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextField control={control} name="day" label="Date" type="date" />
        <TextField control={control} name="name" label="Holiday name" />
        <div className="flex items-center justify-between gap-3 sm:col-span-3">
          <p className="text-xs text-slate-500">
            No business-hours time counts on a holiday; open tickets are recomputed.
          </p>
          <SubmitButton className="shrink-0">Add holiday</SubmitButton>
        </div>
        <FormError className="sm:col-span-3" />
      </Form>
      {holidays.length ? (
        <ul aria-label="Holidays" className="divide-y divide-slate-100">
          {holidays.map((h) => (
            <li key={h.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
              <div>
                <time dateTime={h.day} className="font-medium tabular-nums">
                  {formatDay(h.day, { year: true })}
                </time>{" "}
                {h.name}
                <div className="text-xs text-slate-500">{h.clientName}</div>
              </div>
              <Button
                variant="danger"
                aria-label={`Remove ${h.name} ${h.day} for ${h.clientName}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: h.id })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No holidays yet.</EmptyState>
      )}
      {remove.error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </Card>
  );
}
