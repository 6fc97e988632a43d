"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { CheckboxGroup, DateTimeField, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Card } from "@/components/ui/card";
import { ALERT_TYPES, LIFE_SAFETY_TYPES } from "@/lib/noc";
import { maintenanceWindowInput } from "@/lib/schemas/noc";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useRulesRefresh } from "./use-rules-refresh";

const HOLDABLE_TYPES = ALERT_TYPES.filter((t) => !LIFE_SAFETY_TYPES.includes(t)).map((t) => ({
  value: t,
  label: t.replaceAll("_", " ").toLowerCase(),
}));
const box = {
  className: "max-h-40 overflow-y-auto rounded-md border border-slate-200 p-2",
  legendClassName: "mb-1 text-xs font-semibold uppercase text-slate-500",
  listClassName: "",
  itemClassName: "flex items-center gap-2 py-0.5",
};

export function WindowForm() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  // to the minute, as a datetime-local input shows it
  const [opened] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const refresh = useRulesRefresh();
  const create = useMutation(
    trpc.nocSettings.createWindow.mutationOptions({ onSuccess: () => refresh() }),
  );
  const form = useZodForm(maintenanceWindowInput, {
    defaultValues: {
      name: "",
      startsAt: new Date(opened),
      endsAt: new Date(opened + 2 * 3600_000),
      siteIds: [],
      clientIds: [],
      types: [],
    },
  });
  const { control } = form;
  const v = useWatch({ control });
  const valid = v.startsAt instanceof Date && v.endsAt instanceof Date;
  const preview = useQuery({
    ...trpc.nocSettings.previewWindow.queryOptions({
      name: v.name || "preview",
      startsAt: v.startsAt ?? new Date(opened),
      endsAt: v.endsAt ?? new Date(opened),
      siteIds: v.siteIds ?? [],
      clientIds: [],
      types: v.types ?? [],
    }),
    enabled: valid,
  });
  return (
    <Card title="Schedule a maintenance window">
      <Form
        form={form}
        className="space-y-3 p-4 text-sm"
        onSubmit={async (values) => {
          await create.mutateAsync(values);
          form.reset({ ...values, name: "", siteIds: [], types: [] });
        }}
      >
        <TextField
          control={control}
          name="name"
          label="Name"
          placeholder="e.g. Fire panel firmware update"
        />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <DateTimeField control={control} name="startsAt" label="Starts" />
          <DateTimeField control={control} name="endsAt" label="Ends" />
        </div>
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 font-medium text-slate-700">Scope (none ticked = all)</legend>
          <CheckboxGroup
            control={control}
            name="siteIds"
            label="Sites"
            options={sites.data?.map((s) => ({ value: s.id, label: s.name })) ?? []}
            {...box}
          />
          <CheckboxGroup
            control={control}
            name="types"
            label="Alert types"
            options={HOLDABLE_TYPES}
            {...box}
          >
            <p className="mt-1 text-xs text-slate-500">
              Fire alarms and panics are never held back.
            </p>
          </CheckboxGroup>
        </fieldset>
        <div
          role="status"
          aria-label="Preview"
          className="rounded-md bg-slate-50 p-2 text-slate-700"
        >
          {preview.data
            ? `Would have held back ${preview.data.last30Days} alert${preview.data.last30Days === 1 ? "" : "s"} in the last 30 days${
                preview.data.byType.length
                  ? ` (${preview.data.byType
                      .slice(0, 3)
                      .map((b) => `${b.n} ${b.type.replaceAll("_", " ").toLowerCase()}`)
                      .join(", ")})`
                  : ""
              }; ${preview.data.openNow} open now match it.`
            : preview.error
              ? errorMessage(preview.error)
              : "Working out what it would hold back…"}
        </div>
        <FormError />
        <SubmitButton disabled={!v.name?.trim()}>Schedule window</SubmitButton>
      </Form>
    </Card>
  );
}
