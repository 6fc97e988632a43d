"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { DateTimeField, NumberField, Select, TextArea, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { workOrderUpdateInput } from "@/lib/schemas/vendors";
import { useTRPC } from "@/lib/trpc/client";
import { WORK_ORDER_PRIORITIES, type WorkOrderPriority } from "@/lib/work-orders";
import { useRefresh } from "./use-refresh";

type Editable = {
  id: string;
  title: string;
  description: string;
  priority: WorkOrderPriority;
  estimateHours: number | null;
  dueAt: Date | null;
};

export function EditDetails({ order }: { order: Editable }) {
  const [editing, setEditing] = useState(false);
  if (!editing)
    return (
      <Button variant="ghost" className="!px-0 text-sky-800" onClick={() => setEditing(true)}>
        Edit details
      </Button>
    );
  return <EditForm order={order} onClose={() => setEditing(false)} />;
}

/** Mounted afresh each time editing starts, so it starts from the order as it is now. */
function EditForm({ order, onClose }: { order: Editable; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const update = useMutation(trpc.workOrder.update.mutationOptions());
  const form = useZodForm(workOrderUpdateInput, {
    defaultValues: {
      id: order.id,
      title: order.title,
      priority: order.priority,
      estimateHours: order.estimateHours,
      dueAt: order.dueAt,
      description: order.description,
    },
  });
  const { control } = form;
  return (
    <Form
      form={form}
      aria-label="Edit details"
      className="grid grid-cols-1 sm:grid-cols-2 gap-2 rounded-md border border-slate-200 p-3"
      onSubmit={async (values) => {
        await update.mutateAsync(values);
        onClose();
        await refresh();
      }}
    >
      <TextField control={control} name="title" label="Title" className="sm:col-span-2" />
      <Select
        control={control}
        name="priority"
        label="Priority"
        options={WORK_ORDER_PRIORITIES.map((p) => ({ value: p, label: p }))}
      />
      <NumberField control={control} name="estimateHours" label="Estimate (hours)" />
      <DateTimeField
        control={control}
        name="dueAt"
        label="Due"
        hint="In your local time"
        className="sm:col-span-2"
      />
      <TextArea
        control={control}
        name="description"
        label="What needs doing"
        className="sm:col-span-2"
        rows={3}
      />
      <FormError className="sm:col-span-2" />
      <div className="sm:col-span-2 flex gap-2">
        <SubmitButton>Save</SubmitButton>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
