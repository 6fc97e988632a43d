"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

const KINDS = [
  ["insurance", "Insurance"],
  ["licence", "Licence"],
  ["certification", "Certification"],
  ["other", "Other"],
] as const;
type Kind = (typeof KINDS)[number][0];

/** Records a compliance document; one already expired makes the vendor do-not-dispatch. */
export function AddDocumentForm({ vendorId }: { vendorId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>("insurance");
  const [name, setName] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const add = useMutation(
    trpc.vendor.addDocument.mutationOptions({
      onSuccess: async () => {
        setName("");
        setExpiresOn("");
        await queryClient.invalidateQueries(trpc.vendor.pathFilter());
      },
    }),
  );
  const errs = fieldErrors(add.error);
  return (
    <form
      noValidate
      aria-label="Add document"
      className="mt-3 grid grid-cols-1 gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ vendorId, kind, name, expiresOn });
      }}
    >
      <h4 className="text-sm font-semibold text-slate-700 sm:col-span-2">Add document</h4>
      <Field label="Kind" error={errs.kind}>
        <Select
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          invalid={Boolean(errs.kind)}
        >
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Expires on" error={errs.expiresOn}>
        <Input
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          invalid={Boolean(errs.expiresOn)}
        />
      </Field>
      <div className="sm:col-span-2">
        <Field label="Document name" error={errs.name}>
          <Input
            value={name}
            placeholder="e.g. Public liability insurance"
            onChange={(e) => setName(e.target.value)}
            invalid={Boolean(errs.name)}
          />
        </Field>
      </div>
      {add.error && !Object.keys(errs).length ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
          {errorMessage(add.error)}
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-3 sm:col-span-2">
        {add.isSuccess ? (
          <span role="status" className="text-xs text-emerald-700">
            Document added.
          </span>
        ) : null}
        <Button type="submit" disabled={add.isPending}>
          Add document
        </Button>
      </div>
    </form>
  );
}
