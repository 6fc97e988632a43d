"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckboxGroup, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { vendorCreateInput } from "@/lib/schemas/vendors";
import { useTRPC } from "@/lib/trpc/client";
import { WORK_ORDER_CATEGORIES, WORK_ORDER_CATEGORY_LABELS } from "@/lib/work-orders";

const TRADES = WORK_ORDER_CATEGORIES.map((c) => ({
  value: c,
  label: WORK_ORDER_CATEGORY_LABELS[c],
}));

/** A new vendor: name, trades and how to reach its dispatch desk. */
export function AddVendorDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.vendor.create.mutationOptions());
  const form = useZodForm(vendorCreateInput, {
    defaultValues: { name: "", contactName: "", email: "", phone: "", trades: [] },
  });
  const { control } = form;
  return (
    <Dialog label="Add vendor" onClose={() => onDone(null)}>
      <Form
        form={form}
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={async (values) => {
          const { id } = await create.mutateAsync(values);
          await queryClient.invalidateQueries(trpc.vendor.pathFilter());
          onDone(id);
        }}
      >
        <TextField
          control={control}
          name="name"
          label="Vendor name"
          className="sm:col-span-2"
          autoFocus
        />
        <TextField control={control} name="contactName" label="Contact name" />
        <TextField control={control} name="phone" label="Phone" type="tel" />
        <TextField
          control={control}
          name="email"
          label="E-mail"
          hint="Work-order links are sent here"
          className="sm:col-span-2"
          type="email"
        />
        <CheckboxGroup
          control={control}
          name="trades"
          label="Trades"
          options={TRADES}
          className="sm:col-span-2"
          listClassName="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3"
          inputClassName="size-4 accent-sky-700"
        />
        <FormError className="sm:col-span-2" />
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <SubmitButton>Add vendor</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
