"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import {
  DEFAULT_SLA_TARGETS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  type TicketCategory,
  type TicketPriority,
} from "@/lib/sla";
import { tierIncludes } from "@/lib/tiers";
import { formatMinutes } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useTicketRefresh } from "./use-ticket-refresh";

/** Someone logs a helpdesk ticket (a call, an e-mail) at a site of an SLA-covered client. */
export function NewTicketDialog({
  canAssign,
  onDone,
}: {
  canAssign: boolean;
  onDone: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const people = useQuery({ ...trpc.ticket.assignees.queryOptions(), enabled: canAssign });
  const [siteId, setSiteId] = useState("");
  const [title, setTitle] = useState("");
  const [requester, setRequester] = useState("");
  const [category, setCategory] = useState<TicketCategory>("access");
  const [priority, setPriority] = useState<TicketPriority>("P3");
  const [assigneeId, setAssigneeId] = useState("");
  const [description, setDescription] = useState("");
  const refresh = useTicketRefresh();
  const create = useMutation(
    trpc.ticket.create.mutationOptions({
      onSuccess: (r) => {
        refresh();
        onDone(r.id);
      },
    }),
  );
  const errs = fieldErrors(create.error);
  if (errs.siteId && !siteId) errs.siteId = "Choose a site";
  const eligible = (sites.data ?? []).filter((s) => tierIncludes(s.tier, "slaBreachPrevention"));
  const target = DEFAULT_SLA_TARGETS[priority];
  return (
    <Dialog label="New ticket" onClose={() => onDone(null)}>
      <form
        noValidate
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            siteId,
            title,
            requester,
            category,
            priority,
            description,
            ...(assigneeId ? { assigneeId } : {}),
          });
        }}
      >
        <div className="sm:col-span-2">
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
              {eligible.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — {s.clientName}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field label="Title" error={errs.title}>
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              invalid={Boolean(errs.title)}
            />
          </Field>
        </div>
        <Field label="Requester" error={errs.requester} hint="A name or an e-mail address">
          <Input
            value={requester}
            onChange={(e) => setRequester(e.target.value)}
            invalid={Boolean(errs.requester)}
          />
        </Field>
        <Field label="Category" error={errs.category}>
          <Select
            value={category}
            onChange={(e) => setCategory(e.target.value as TicketCategory)}
            invalid={Boolean(errs.category)}
          >
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Priority"
          error={errs.priority}
          hint={`Default targets: respond in ${formatMinutes(target.responseMinutes)}, resolve in ${formatMinutes(target.resolutionMinutes)} (${target.calendar === "24x7" ? "24×7" : "business hours"}); the client's policy decides.`}
        >
          <Select
            value={priority}
            onChange={(e) => setPriority(e.target.value as TicketPriority)}
            invalid={Boolean(errs.priority)}
          >
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        {canAssign ? (
          <Field label="Assignee" error={errs.assigneeId}>
            <Select value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
              <option value="">Nobody yet</option>
              {people.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <div className="sm:col-span-2">
          <Field label="Description" error={errs.description}>
            <textarea
              className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-invalid={Boolean(errs.description) || undefined}
            />
          </Field>
        </div>
        {create.error ? (
          <p role="alert" className="text-red-700 sm:col-span-2">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Open ticket
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
