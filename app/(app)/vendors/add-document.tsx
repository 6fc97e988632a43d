"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { vendorDocumentInput } from "@/lib/schemas/vendors";
import { useTRPC } from "@/lib/trpc/client";

const KINDS = [
  { value: "insurance", label: "Insurance" },
  { value: "licence", label: "Licence" },
  { value: "certification", label: "Certification" },
  { value: "other", label: "Other" },
];

/** Records a compliance document; one already expired makes the vendor do-not-dispatch. */
export function AddDocumentForm({ vendorId }: { vendorId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.vendor.addDocument.mutationOptions());
  const [added, setAdded] = useState(false);
  const form = useZodForm(vendorDocumentInput, {
    defaultValues: { vendorId, kind: "insurance", name: "", expiresOn: "" },
  });
  const { control } = form;
  return (
    <Form
      form={form}
      aria-label="Add document"
      className="mt-3 grid grid-cols-1 gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-2"
      onSubmit={async (values) => {
        setAdded(false);
        await add.mutateAsync(values);
        form.reset({ ...values, name: "", expiresOn: "" });
        setAdded(true);
        await queryClient.invalidateQueries(trpc.vendor.pathFilter());
      }}
    >
      <h4 className="text-sm font-semibold text-slate-700 sm:col-span-2">Add document</h4>
      <Select control={control} name="kind" label="Kind" options={KINDS} />
      <TextField control={control} name="expiresOn" label="Expires on" type="date" />
      <TextField
        control={control}
        name="name"
        label="Document name"
        placeholder="e.g. Public liability insurance"
        className="sm:col-span-2"
      />
      <FormError className="sm:col-span-2" />
      <div className="flex items-center justify-end gap-3 sm:col-span-2">
        {added ? (
          <span role="status" className="text-xs text-emerald-700">
            Document added.
          </span>
        ) : null}
        <SubmitButton>Add document</SubmitButton>
      </div>
    </Form>
  );
}
