"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { formatDay } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

const recomputedText = (n: number) => `${n} open ticket${n === 1 ? "" : "s"} recomputed`;

/** Days on which a client's business-hours clocks stand still, on top of the weekly hours. */
export function HolidaysCard({ onChanged }: { onChanged: (notice: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries(trpc.slaPolicy.pathFilter());
  const list = useQuery(trpc.slaPolicy.list.queryOptions());
  const clients = useQuery(trpc.client.list.queryOptions());
  const [clientId, setClientId] = useState("");
  const [day, setDay] = useState("");
  const [name, setName] = useState("");
  const add = useMutation(
    trpc.slaPolicy.addHoliday.mutationOptions({
      onSuccess: (r) => {
        void refresh();
        onChanged(`Added ${name} (${day}): ${recomputedText(r.recomputed)}.`);
        setDay("");
        setName("");
      },
    }),
  );
  const remove = useMutation(
    trpc.slaPolicy.removeHoliday.mutationOptions({
      onSuccess: (r) => {
        void refresh();
        onChanged(`Removed the holiday: ${recomputedText(r.recomputed)}.`);
      },
    }),
  );
  const errs = fieldErrors(add.error);
  if (errs.clientId && !clientId) errs.clientId = "Choose a client";
  const holidays = list.data?.holidays ?? [];
  return (
    <Card title="Client holidays">
      <form
        noValidate
        aria-label="Add a holiday"
        className="grid grid-cols-1 gap-3 border-b border-slate-200 p-4 text-sm sm:grid-cols-3 sm:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ clientId, day, name });
        }}
      >
        <Field label="Client" error={errs.clientId}>
          <Select
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            invalid={Boolean(errs.clientId)}
          >
            <option value="" disabled>
              Choose…
            </option>
            {clients.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Date" error={errs.day}>
          <Input
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            invalid={Boolean(errs.day)}
          />
        </Field>
        <Field label="Holiday name" error={errs.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            invalid={Boolean(errs.name)}
          />
        </Field>
        <div className="flex items-center justify-between gap-3 sm:col-span-3">
          <p className="text-xs text-slate-500">
            No business-hours time counts on a holiday; open tickets are recomputed.
          </p>
          <Button type="submit" className="shrink-0" disabled={add.isPending}>
            Add holiday
          </Button>
        </div>
        {add.error && !Object.keys(errs).length ? (
          <p role="alert" className="text-red-700 sm:col-span-3">
            {errorMessage(add.error)}
          </p>
        ) : null}
      </form>
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
