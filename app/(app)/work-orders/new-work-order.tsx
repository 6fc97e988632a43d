"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { DateTimeField, NumberField, Select, TextArea, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { SiteSelect } from "@/components/forms/site-select";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { workOrderFormInput } from "@/lib/schemas/vendors";
import { useTRPC } from "@/lib/trpc/client";
import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_PRIORITIES,
} from "@/lib/work-orders";

/** A site manager or supervisor opens a job for a vendor, optionally sending it at once. */
export function NewWorkOrderDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const vendors = useQuery(trpc.vendor.list.queryOptions());
  const create = useMutation(trpc.workOrder.create.mutationOptions());
  const form = useZodForm(workOrderFormInput, {
    defaultValues: {
      siteId: "",
      title: "",
      category: "hvac",
      priority: "normal",
      estimateHours: null,
      dueAt: null,
      vendorId: null,
      description: "",
    },
  });
  const { control } = form;
  const [category, vendorId] = useWatch({ control, name: ["category", "vendorId"] });
  const fit = (vendors.data ?? []).filter((v) => v.active);
  const option = (v: (typeof fit)[number]) => ({
    value: v.id,
    label: `${v.name}${v.doNotDispatch ? " — do not dispatch" : ""}`,
  });
  const chosen = fit.find((v) => v.id === vendorId);

  return (
    <Dialog label="New work order" onClose={() => onDone(null)}>
      <Form
        form={form}
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={async (values) => {
          const { id } = await create.mutateAsync(values);
          await qc.invalidateQueries({ queryKey: trpc.workOrder.pathKey() });
          onDone(id);
        }}
      >
        <SiteSelect control={control} name="siteId" className="sm:col-span-2" />
        <TextField
          control={control}
          name="title"
          label="Title"
          className="sm:col-span-2"
          placeholder="e.g. Loading dock door does not close"
        />
        <Select
          control={control}
          name="category"
          label="Category"
          options={WORK_ORDER_CATEGORIES.map((c) => ({
            value: c,
            label: WORK_ORDER_CATEGORY_LABELS[c],
          }))}
        />
        <Select
          control={control}
          name="priority"
          label="Priority"
          options={WORK_ORDER_PRIORITIES.map((p) => ({ value: p, label: p }))}
        />
        <NumberField
          control={control}
          name="estimateHours"
          label="Estimate (hours)"
          hint="Optional"
        />
        <DateTimeField
          control={control}
          name="dueAt"
          label="Due"
          hint="Optional, in your local time"
        />
        <Select
          control={control}
          name="vendorId"
          label="Vendor"
          className="sm:col-span-2"
          hint={
            chosen?.doNotDispatch
              ? `Do not dispatch: ${chosen.expired.map((d) => `${d.name} expired ${d.expiresOn}`).join(", ")}`
              : "Optional: assign now or later"
          }
          blank="Not yet"
          emptyAs={null}
          groups={[
            {
              label: `${WORK_ORDER_CATEGORY_LABELS[category]} vendors`,
              options: fit.filter((v) => v.trades.includes(category)).map(option),
            },
            {
              label: "Other vendors",
              options: fit.filter((v) => !v.trades.includes(category)).map(option),
            },
          ]}
        />
        <TextArea
          control={control}
          name="description"
          label="What needs doing"
          className="sm:col-span-2"
          rows={4}
        />
        <FormError className="sm:col-span-2" />
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="secondary" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <SubmitButton pending="Creating…">Create</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
