"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { WEEKDAYS } from "@/components/charts/sla-timeline";
import { CheckboxGroup, NumberField, Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { formatMinutes } from "@/lib/format";
import { slaOverrideFormInput, slaPolicyInput } from "@/lib/schemas/sla";
import {
  SLA_CALENDARS,
  TICKET_PRIORITIES,
  type SlaCalendarKind,
  type TicketPriority,
} from "@/lib/sla";
import { useTRPC } from "@/lib/trpc/client";

export type PolicyValues = {
  clientId: string | null;
  priority: TicketPriority;
  responseMinutes: number;
  resolutionMinutes: number;
  calendar: SlaCalendarKind;
  businessDays: number[];
  opensAt: string;
  closesAt: string;
};

const DAYS = WEEKDAYS.map((name, d) => ({ value: d, label: name }));

const minutesHint = (n: number | null | undefined) =>
  typeof n === "number" && Number.isFinite(n) && n > 0 ? `= ${formatMinutes(n)}` : "In minutes";

/**
 * Creates or edits one policy: the tenant default of a priority (clientId null) or a
 * client's override. `choose` lets the user pick the client and priority (a new override).
 */
export function PolicyDialog({
  initial,
  choose,
  title,
  defaultsFor,
  onDone,
}: {
  initial: PolicyValues;
  choose: boolean;
  /** a new override starts from the tenant default of the priority chosen */
  defaultsFor?: (p: TicketPriority) => PolicyValues | undefined;
  title: string;
  onDone: (saved: { recomputed: number; label: string } | null) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const clients = useQuery({ ...trpc.client.list.queryOptions(), enabled: choose });
  const save = useMutation(trpc.slaPolicy.save.mutationOptions());
  const form = useZodForm(choose ? slaOverrideFormInput : slaPolicyInput, {
    defaultValues: initial,
  });
  const { control } = form;
  const [calendar, responseMinutes, resolutionMinutes] = useWatch({
    control,
    name: ["calendar", "responseMinutes", "resolutionMinutes"],
  });
  return (
    <div
      className="fixed inset-0 z-30 flex overflow-y-auto bg-slate-900/40 p-4"
      onKeyDown={(e) => e.key === "Escape" && onDone(null)}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="m-auto w-full max-w-lg rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 className="text-lg font-semibold">{title}</h2>
        <Form
          form={form}
          className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
          onSubmit={async (values) => {
            const r = await save.mutateAsync(values);
            void qc.invalidateQueries({ queryKey: trpc.slaPolicy.pathKey() });
            const clientName = clients.data?.find((c) => c.id === values.clientId)?.name;
            onDone({
              recomputed: r.recomputed,
              label: `${values.priority} ${values.clientId ? `override${clientName ? ` for ${clientName}` : ""}` : "tenant default"}`,
            });
          }}
        >
          {choose ? (
            <>
              <Select
                control={control}
                name="clientId"
                label="Client"
                autoFocus
                placeholder="Choose a client…"
                emptyAs={null}
                options={clients.data?.map((c) => ({ value: c.id, label: c.name }))}
              />
              <Select
                control={control}
                name="priority"
                label="Priority"
                options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p }))}
                onValue={(p) => {
                  const base = defaultsFor?.(p as TicketPriority);
                  if (base) form.reset({ ...base, clientId: form.getValues("clientId") });
                }}
              />
            </>
          ) : null}
          <NumberField
            control={control}
            name="responseMinutes"
            label="Response target (minutes)"
            hint={minutesHint(responseMinutes)}
            type="number"
            min={1}
            inputMode="numeric"
            autoFocus={!choose}
          />
          <NumberField
            control={control}
            name="resolutionMinutes"
            label="Resolution target (minutes)"
            hint={minutesHint(resolutionMinutes)}
            type="number"
            min={1}
            inputMode="numeric"
          />
          <Select
            control={control}
            name="calendar"
            label="Calendar"
            className="sm:col-span-2"
            options={SLA_CALENDARS.map((c) => ({
              value: c,
              label: c === "24x7" ? "24×7 (every minute counts)" : "Business hours (site's zone)",
            }))}
          />
          {calendar === "business" ? (
            <>
              <CheckboxGroup
                control={control}
                name="businessDays"
                label="Business days"
                options={DAYS}
                className="sm:col-span-2"
                itemClassName="flex items-center gap-1 rounded border border-slate-200 px-2 py-1"
              />
              <TextField control={control} name="opensAt" label="Opens at" type="time" />
              <TextField control={control} name="closesAt" label="Closes at" type="time" />
            </>
          ) : null}
          <FormError className="sm:col-span-2" />
          <p className="text-xs text-slate-500 sm:col-span-2">
            Saving recomputes the due times of the open tickets this policy governs (audited).
          </p>
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => onDone(null)}>
              Cancel
            </Button>
            <SubmitButton>Save policy</SubmitButton>
          </div>
        </Form>
      </div>
    </div>
  );
}
