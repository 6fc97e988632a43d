"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { TIERS, TIER_LABELS, type Tier } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

type ClientRow = {
  id: string;
  name: string;
  tier: Tier;
  executiveRecipients: string[];
  contractTargets: { slaMetPct?: number; alarmResponseMinutes?: number };
  active: boolean;
};

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));

export function ClientForm({ client, onDone }: { client?: ClientRow; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState(client?.name ?? "");
  const [tier, setTier] = useState<Tier>(client?.tier ?? "bronze");
  const [recipients, setRecipients] = useState(client?.executiveRecipients.join(", ") ?? "");
  const [sla, setSla] = useState(client?.contractTargets.slaMetPct?.toString() ?? "");
  const [response, setResponse] = useState(
    client?.contractTargets.alarmResponseMinutes?.toString() ?? "",
  );
  const onSuccess = async () => {
    await qc.invalidateQueries(trpc.client.pathFilter());
    await qc.invalidateQueries(trpc.audit.pathFilter());
    if (!client) onDone();
  };
  const create = useMutation(trpc.client.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.client.update.mutationOptions({ onSuccess }));
  const m = client ? update : create;
  const errs = fieldErrors(m.error);
  const payload = () => ({
    name,
    tier,
    executiveRecipients: recipients.split(/[,\s]+/).filter(Boolean),
    contractTargets: { slaMetPct: num(sla), alarmResponseMinutes: num(response) },
  });
  return (
    <Card
      title={client ? `Edit ${client.name}` : "New client"}
      actions={
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
      }
    >
      <form
        className="space-y-4 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (client) update.mutate({ id: client.id, ...payload() });
          else create.mutate(payload());
        }}
      >
        <Field label="Name" error={errs.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            invalid={Boolean(errs.name)}
          />
        </Field>
        <Field label="Plan tier" error={errs.tier}>
          <Select value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {TIER_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Executive recipients"
          error={errs.executiveRecipients}
          hint="E-mail addresses, separated by commas."
        >
          <Input
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            invalid={Boolean(errs.executiveRecipients)}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="SLA met target (%)" error={errs.contractTargets}>
            <Input
              type="number"
              min={0}
              max={100}
              step="0.1"
              value={sla}
              onChange={(e) => setSla(e.target.value)}
            />
          </Field>
          <Field label="Alarm response (min)">
            <Input
              type="number"
              min={1}
              value={response}
              onChange={(e) => setResponse(e.target.value)}
            />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={m.isPending}>
            {client ? "Save changes" : "Create client"}
          </Button>
          {client ? (
            <Button
              variant={client.active ? "danger" : "secondary"}
              onClick={() => update.mutate({ id: client.id, active: !client.active })}
            >
              {client.active ? "Deactivate" : "Reactivate"}
            </Button>
          ) : null}
        </div>
        {m.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(m.error)}
          </p>
        ) : m.isSuccess && client ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </form>
    </Card>
  );
}
