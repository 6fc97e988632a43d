"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatMinutes } from "@/lib/format";
import { WEEKDAYS } from "@/components/charts/sla-timeline";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import {
  SLA_CALENDARS,
  TICKET_PRIORITIES,
  type SlaCalendarKind,
  type TicketPriority,
} from "@/lib/sla";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

export type PolicyValues = {
  clientId: string | null;
  priority: TicketPriority;
  responseMinutes: number;
  resolutionMinutes: number;
  calendar: SlaCalendarKind;
  businessDays: number[];
  opensAt: string;
  closesAt: string;
};

/**
 * Creates or edits one policy: the tenant default of a priority (clientId null) or a
 * client's override. `choose` lets the user pick the client and priority (a new override).
 */
export function PolicyDialog({
  initial,
  choose,
  title,
  defaultsFor,
  onDone,
}: {
  initial: PolicyValues;
  choose: boolean;
  /** a new override starts from the tenant default of the priority chosen */
  defaultsFor?: (p: TicketPriority) => PolicyValues | undefined;
  title: string;
  onDone: (saved: { recomputed: number; label: string } | null) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const clients = useQuery({ ...trpc.client.list.queryOptions(), enabled: choose });
  const [v, setV] = useState({
    ...initial,
    responseMinutes: String(initial.responseMinutes),
    resolutionMinutes: String(initial.resolutionMinutes),
  });
  const set = (patch: Partial<typeof v>) => setV((cur) => ({ ...cur, ...patch }));
  const clientName = clients.data?.find((c) => c.id === v.clientId)?.name;
  const save = useMutation(
    trpc.slaPolicy.save.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.slaPolicy.pathKey() });
        onDone({
          recomputed: r.recomputed,
          label: `${v.priority} ${v.clientId ? `override${clientName ? ` for ${clientName}` : ""}` : "tenant default"}`,
        });
      },
    }),
  );
  const [noClient, setNoClient] = useState(false);
  const errs = fieldErrors(save.error);
  // without a client, the server would take this for the tenant default: never send that
  if (noClient && !v.clientId) errs.clientId = "Choose a client";
  const toggleDay = (d: number) =>
    set({
      businessDays: v.businessDays.includes(d)
        ? v.businessDays.filter((x) => x !== d)
        : [...v.businessDays, d].sort(),
    });
  const minutesHint = (s: string) => {
    const n = Number(s);
    return Number.isFinite(n) && n > 0 ? `= ${formatMinutes(n)}` : "In minutes";
  };
  return (
    <div
      className="fixed inset-0 z-30 flex overflow-y-auto bg-slate-900/40 p-4"
      onKeyDown={(e) => e.key === "Escape" && onDone(null)}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="m-auto w-full max-w-lg rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 className="text-lg font-semibold">{title}</h2>
        <form
          noValidate
          className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choose && !v.clientId) {
              setNoClient(true);
              return;
            }
            save.mutate({
              ...v,
              responseMinutes: Number(v.responseMinutes),
              resolutionMinutes: Number(v.resolutionMinutes),
            });
          }}
        >
          {choose ? (
            <>
              <Field label="Client" error={errs.clientId}>
                <Select
                  autoFocus
                  value={v.clientId ?? ""}
                  onChange={(e) => set({ clientId: e.target.value || null })}
                  invalid={Boolean(errs.clientId)}
                >
                  <option value="" disabled>
                    Choose a client…
                  </option>
                  {clients.data?.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Priority" error={errs.priority}>
                <Select
                  value={v.priority}
                  onChange={(e) => {
                    const priority = e.target.value as TicketPriority;
                    const base = defaultsFor?.(priority);
                    set(
                      base
                        ? {
                            ...base,
                            clientId: v.clientId,
                            responseMinutes: String(base.responseMinutes),
                            resolutionMinutes: String(base.resolutionMinutes),
                          }
                        : { priority },
                    );
                  }}
                >
                  {TICKET_PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </Select>
              </Field>
            </>
          ) : null}
          <Field
            label="Response target (minutes)"
            error={errs.responseMinutes}
            hint={minutesHint(v.responseMinutes)}
          >
            <Input
              type="number"
              min={1}
              inputMode="numeric"
              autoFocus={!choose}
              value={v.responseMinutes}
              onChange={(e) => set({ responseMinutes: e.target.value })}
              invalid={Boolean(errs.responseMinutes)}
            />
          </Field>
          <Field
            label="Resolution target (minutes)"
            error={errs.resolutionMinutes}
            hint={minutesHint(v.resolutionMinutes)}
          >
            <Input
              type="number"
              min={1}
              inputMode="numeric"
              value={v.resolutionMinutes}
              onChange={(e) => set({ resolutionMinutes: e.target.value })}
              invalid={Boolean(errs.resolutionMinutes)}
            />
          </Field>
          <div className="sm:col-span-2">
            <Field label="Calendar" error={errs.calendar}>
              <Select
                value={v.calendar}
                onChange={(e) => set({ calendar: e.target.value as SlaCalendarKind })}
              >
                {SLA_CALENDARS.map((c) => (
                  <option key={c} value={c}>
                    {c === "24x7" ? "24×7 (every minute counts)" : "Business hours (site's zone)"}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {v.calendar === "business" ? (
            <>
              <fieldset className="sm:col-span-2">
                <legend className="text-sm font-medium text-slate-700">Business days</legend>
                <div className="mt-1 flex flex-wrap gap-2">
                  {WEEKDAYS.map((name, d) => (
                    <label
                      key={name}
                      className="flex items-center gap-1 rounded border border-slate-200 px-2 py-1"
                    >
                      <input
                        type="checkbox"
                        checked={v.businessDays.includes(d)}
                        onChange={() => toggleDay(d)}
                      />
                      {name}
                    </label>
                  ))}
                </div>
                {errs.businessDays ? (
                  <span role="alert" className="block text-xs text-red-700">
                    {errs.businessDays}
                  </span>
                ) : null}
              </fieldset>
              <Field label="Opens at" error={errs.opensAt}>
                <Input
                  type="time"
                  value={v.opensAt}
                  onChange={(e) => set({ opensAt: e.target.value })}
                  invalid={Boolean(errs.opensAt)}
                />
              </Field>
              <Field label="Closes at" error={errs.closesAt}>
                <Input
                  type="time"
                  value={v.closesAt}
                  onChange={(e) => set({ closesAt: e.target.value })}
                  invalid={Boolean(errs.closesAt)}
                />
              </Field>
            </>
          ) : null}
          {save.error ? (
            <p role="alert" className="text-red-700 sm:col-span-2">
              {errorMessage(save.error)}
            </p>
          ) : null}
          <p className="text-xs text-slate-500 sm:col-span-2">
            Saving recomputes the due times of the open tickets this policy governs (audited).
          </p>
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => onDone(null)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              Save policy
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
