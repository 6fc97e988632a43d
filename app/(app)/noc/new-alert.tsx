"use client";

import { useMutation } from "@tanstack/react-query";
import { Select, TextArea, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { SiteSelect } from "@/components/forms/site-select";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ALERT_TYPES, SEVERITIES } from "@/lib/noc";
import { alertFormInput } from "@/lib/schemas/noc";
import { useTRPC } from "@/lib/trpc/client";
import { useAlertRefresh } from "./use-alert-refresh";

/** An operator raises an alert by hand (a phone call, a walk-in report). */
export function NewAlertDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const refresh = useAlertRefresh();
  const create = useMutation(
    trpc.alert.create.mutationOptions({ onSuccess: (r) => void refresh.alerts([r.id]) }),
  );
  const form = useZodForm(alertFormInput, {
    defaultValues: { siteId: "", type: "INTRUSION", severity: "high", title: "", description: "" },
  });
  const { control } = form;
  return (
    <Dialog label="New alert" onClose={() => onDone(null)}>
      <Form
        form={form}
        className="mt-3 grid grid-cols-2 gap-3 text-sm"
        onSubmit={async (values) => onDone((await create.mutateAsync(values)).id)}
      >
        <SiteSelect control={control} name="siteId" className="col-span-2" />
        <Select
          control={control}
          name="type"
          label="Type"
          options={ALERT_TYPES.map((t) => ({
            value: t,
            label: t.replaceAll("_", " ").toLowerCase(),
          }))}
        />
        <Select
          control={control}
          name="severity"
          label="Severity"
          options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        />
        <TextField control={control} name="title" label="Title" className="col-span-2" />
        <TextArea
          control={control}
          name="description"
          label="Description"
          className="col-span-2"
          rows={3}
        />
        <FormError className="col-span-2" />
        <div className="col-span-2 flex justify-end gap-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <SubmitButton>Raise alert</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
