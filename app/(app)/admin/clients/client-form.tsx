"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { NumberField, Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { clientFormInput } from "@/lib/schemas/admin";
import { TIERS, TIER_LABELS, type Tier } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

type ClientRow = {
  id: string;
  name: string;
  tier: Tier;
  executiveRecipients: string[];
  contractTargets: { slaMetPct?: number; alarmResponseMinutes?: number };
  active: boolean;
};

export function ClientForm({ client, onDone }: { client?: ClientRow; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const onSuccess = async () => {
    await qc.invalidateQueries(trpc.client.pathFilter());
    await qc.invalidateQueries(trpc.audit.pathFilter());
  };
  const create = useMutation(trpc.client.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.client.update.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.client.update.mutationOptions({ onSuccess }));
  const form = useZodForm(clientFormInput, {
    defaultValues: {
      name: client?.name ?? "",
      tier: client?.tier ?? "bronze",
      executiveRecipients: client?.executiveRecipients.join(", ") ?? "",
      contractTargets: {
        slaMetPct: client?.contractTargets.slaMetPct,
        alarmResponseMinutes: client?.contractTargets.alarmResponseMinutes,
      },
    },
  });
  const { control } = form;
  return (
    <Card
      title={client ? `Edit ${client.name}` : "New client"}
      actions={
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
      }
    >
      <Form
        form={form}
        className="space-y-4 p-4"
        onSubmit={async (values) => {
          activate.reset();
          if (client) return update.mutateAsync({ id: client.id, ...values });
          await create.mutateAsync(values);
          onDone();
        }}
      >
        <TextField control={control} name="name" label="Name" />
        <Select
          control={control}
          name="tier"
          label="Plan tier"
          options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))}
        />
        <TextField
          control={control}
          name="executiveRecipients"
          label="Executive recipients"
          hint="E-mail addresses, separated by commas."
        />
        <div className="grid grid-cols-1 sm:grid-cols-2 gap-3">
          <NumberField
            control={control}
            name="contractTargets.slaMetPct"
            label="SLA met target (%)"
            emptyAs={undefined}
            type="number"
            min={0}
            max={100}
            step="0.1"
          />
          <NumberField
            control={control}
            name="contractTargets.alarmResponseMinutes"
            label="Alarm response (min)"
            emptyAs={undefined}
            type="number"
            min={1}
          />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <SubmitButton>{client ? "Save changes" : "Create client"}</SubmitButton>
          {client ? (
            <Button
              variant={client.active ? "danger" : "secondary"}
              onClick={() => {
                update.reset();
                activate.mutate({ id: client.id, active: !client.active });
              }}
            >
              {client.active ? "Deactivate" : "Reactivate"}
            </Button>
          ) : null}
        </div>
        <FormError />
        {activate.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(activate.error)}
          </p>
        ) : (update.isSuccess || activate.isSuccess) && client ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </Form>
    </Card>
  );
}
