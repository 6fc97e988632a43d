"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { ALERT_TYPES, LIFE_SAFETY_TYPES, type AlertType } from "@/lib/noc";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useRulesRefresh } from "./use-rules-refresh";

const toLocalInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function WindowForm() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const [name, setName] = useState("");
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(Date.now() + 2 * 3600_000)));
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [types, setTypes] = useState<AlertType[]>([]);
  const input = {
    name: name || "preview",
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    siteIds,
    clientIds: [],
    types,
  };
  const valid = !Number.isNaN(input.startsAt.getTime()) && !Number.isNaN(input.endsAt.getTime());
  const preview = useQuery({
    ...trpc.nocSettings.previewWindow.queryOptions(input),
    enabled: valid,
  });
  const refresh = useRulesRefresh();
  const create = useMutation(
    trpc.nocSettings.createWindow.mutationOptions({
      onSuccess: () => {
        setName("");
        setSiteIds([]);
        setTypes([]);
        return refresh();
      },
    }),
  );
  const toggle = <T,>(list: T[], v: T) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const errs = fieldErrors(create.error);
  return (
    <Card title="Schedule a maintenance window">
      <form
        className="space-y-3 p-4 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ ...input, name });
        }}
      >
        <Field label="Name" error={errs.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Fire panel firmware update"
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Starts" error={errs.startsAt}>
            <Input
              type="datetime-local"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          </Field>
          <Field label="Ends" error={errs.endsAt}>
            <Input
              type="datetime-local"
              value={endsAt}
              onChange={(e) => setEndsAt(e.target.value)}
            />
          </Field>
        </div>
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 font-medium text-slate-700">Scope (none ticked = all)</legend>
          <div className="max-h-40 overflow-y-auto rounded-md border border-slate-200 p-2">
            <div className="mb-1 text-xs font-semibold uppercase text-slate-500">Sites</div>
            {sites.data?.map((s) => (
              <label key={s.id} className="flex items-center gap-2 py-0.5">
                <input
                  type="checkbox"
                  checked={siteIds.includes(s.id)}
                  onChange={() => setSiteIds(toggle(siteIds, s.id))}
                />{" "}
                {s.name}
              </label>
            ))}
          </div>
          <div className="max-h-40 overflow-y-auto rounded-md border border-slate-200 p-2">
            <div className="mb-1 text-xs font-semibold uppercase text-slate-500">Alert types</div>
            {ALERT_TYPES.filter((t) => !LIFE_SAFETY_TYPES.includes(t)).map((t) => (
              <label key={t} className="flex items-center gap-2 py-0.5">
                <input
                  type="checkbox"
                  checked={types.includes(t)}
                  onChange={() => setTypes(toggle(types, t))}
                />{" "}
                {t.replaceAll("_", " ").toLowerCase()}
              </label>
            ))}
            <p className="mt-1 text-xs text-slate-500">
              Fire alarms and panics are never held back.
            </p>
          </div>
        </fieldset>
        <div
          role="status"
          aria-label="Preview"
          className="rounded-md bg-slate-50 p-2 text-slate-700"
        >
          {preview.data
            ? `Would have held back ${preview.data.last30Days} alert${preview.data.last30Days === 1 ? "" : "s"} in the last 30 days${
                preview.data.byType.length
                  ? ` (${preview.data.byType
                      .slice(0, 3)
                      .map((b) => `${b.n} ${b.type.replaceAll("_", " ").toLowerCase()}`)
                      .join(", ")})`
                  : ""
              }; ${preview.data.openNow} open now match it.`
            : preview.error
              ? errorMessage(preview.error)
              : "Working out what it would hold back…"}
        </div>
        {create.error && !errs.name ? (
          <p role="alert" className="text-red-700">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          Schedule window
        </Button>
      </form>
    </Card>
  );
}
