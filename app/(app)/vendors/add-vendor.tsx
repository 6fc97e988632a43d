"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  type WorkOrderCategory,
} from "@/lib/work-orders";

const isConflict = (err: unknown) =>
  err instanceof TRPCClientError &&
  (err.data as { code?: string } | undefined)?.code === "CONFLICT";

/** A new vendor: name, trades and how to reach its dispatch desk. */
export function AddVendorDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [contactName, setContactName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [trades, setTrades] = useState<WorkOrderCategory[]>([]);
  const create = useMutation(
    trpc.vendor.create.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries(trpc.vendor.pathFilter());
        onDone(r.id);
      },
    }),
  );
  const errs = fieldErrors(create.error);
  if (isConflict(create.error)) errs.name = errorMessage(create.error);
  const toggle = (c: WorkOrderCategory) =>
    setTrades((ts) => (ts.includes(c) ? ts.filter((t) => t !== c) : [...ts, c]));
  return (
    <Dialog label="Add vendor" onClose={() => onDone(null)}>
      <form
        noValidate
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, contactName, email, phone, trades });
        }}
      >
        <div className="sm:col-span-2">
          <Field label="Vendor name" error={errs.name}>
            <Input
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              invalid={Boolean(errs.name)}
            />
          </Field>
        </div>
        <Field label="Contact name" error={errs.contactName}>
          <Input
            value={contactName}
            onChange={(e) => setContactName(e.target.value)}
            invalid={Boolean(errs.contactName)}
          />
        </Field>
        <Field label="Phone" error={errs.phone}>
          <Input
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            invalid={Boolean(errs.phone)}
          />
        </Field>
        <div className="sm:col-span-2">
          <Field label="E-mail" error={errs.email} hint="Work-order links are sent here">
            <Input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              invalid={Boolean(errs.email)}
            />
          </Field>
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Trades</legend>
          <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3">
            {WORK_ORDER_CATEGORIES.map((c) => (
              <label key={c} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={trades.includes(c)}
                  onChange={() => toggle(c)}
                  className="size-4 accent-sky-700"
                />
                {WORK_ORDER_CATEGORY_LABELS[c]}
              </label>
            ))}
          </div>
          {errs.trades ? (
            <span role="alert" className="block text-xs text-red-700">
              {errs.trades}
            </span>
          ) : null}
        </fieldset>
        {create.error && !Object.keys(errs).length ? (
          <p role="alert" className="text-red-700 sm:col-span-2">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Add vendor
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
