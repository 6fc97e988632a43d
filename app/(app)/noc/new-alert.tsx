"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { ALERT_TYPES, SEVERITIES, type AlertType, type Severity } from "@/lib/noc";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useAlertRefresh } from "./use-alert-refresh";

/** An operator raises an alert by hand (a phone call, a walk-in report). */
export function NewAlertDialog({ onDone }: { onDone: (id: string | null) => void }) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const [siteId, setSiteId] = useState("");
  const [type, setType] = useState<AlertType>("INTRUSION");
  const [severity, setSeverity] = useState<Severity>("high");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const refresh = useAlertRefresh();
  const create = useMutation(
    trpc.alert.create.mutationOptions({
      onSuccess: (r) => {
        void refresh.alerts([r.id]);
        onDone(r.id);
      },
    }),
  );
  const errs = fieldErrors(create.error);
  return (
    <Dialog label="New alert" onClose={() => onDone(null)}>
      <form
        className="mt-3 grid grid-cols-2 gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ siteId, type, severity, title, description });
        }}
      >
        <div className="col-span-2">
          <Field label="Site" error={errs.siteId}>
            <Select
              autoFocus
              value={siteId}
              onChange={(e) => setSiteId(e.target.value)}
              invalid={Boolean(errs.siteId)}
            >
              <option value="" disabled>
                Choose a site…
              </option>
              {sites.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — {s.clientName}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label="Type">
          <Select value={type} onChange={(e) => setType(e.target.value as AlertType)}>
            {ALERT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.replaceAll("_", " ").toLowerCase()}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Severity">
          <Select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <div className="col-span-2">
          <Field label="Title" error={errs.title}>
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              invalid={Boolean(errs.title)}
            />
          </Field>
        </div>
        <div className="col-span-2">
          <Field label="Description" error={errs.description}>
            <textarea
              className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
        </div>
        {create.error ? (
          <p role="alert" className="col-span-2 text-red-700">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <div className="col-span-2 flex justify-end gap-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Raise alert
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
