"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { Select, TextArea, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { SiteSelect } from "@/components/forms/site-select";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatMinutes } from "@/lib/format";
import { ticketFormInput } from "@/lib/schemas/sla";
import { DEFAULT_SLA_TARGETS, TICKET_CATEGORIES, TICKET_PRIORITIES } from "@/lib/sla";
import { tierIncludes } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";
import { useTicketRefresh } from "./use-ticket-refresh";

const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** Someone logs a helpdesk ticket (a call, an e-mail) at a site of an SLA-covered client. */
export function NewTicketDialog({
  canAssign,
  onDone,
}: {
  canAssign: boolean;
  onDone: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const people = useQuery({ ...trpc.ticket.assignees.queryOptions(), enabled: canAssign });
  const refresh = useTicketRefresh();
  const create = useMutation(trpc.ticket.create.mutationOptions({ onSuccess: refresh }));
  const form = useZodForm(ticketFormInput, {
    defaultValues: {
      siteId: "",
      title: "",
      requester: "",
      category: "access",
      priority: "P3",
      assigneeId: null,
      description: "",
    },
  });
  const { control } = form;
  const target = DEFAULT_SLA_TARGETS[useWatch({ control, name: "priority" })];
  return (
    <Dialog label="New ticket" onClose={() => onDone(null)}>
      <Form
        form={form}
        className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2"
        onSubmit={async (values) => onDone((await create.mutateAsync(values)).id)}
      >
        <SiteSelect
          control={control}
          name="siteId"
          className="sm:col-span-2"
          only={(s) => tierIncludes(s.tier, "slaBreachPrevention")}
        />
        <TextField control={control} name="title" label="Title" className="sm:col-span-2" />
        <TextField
          control={control}
          name="requester"
          label="Requester"
          hint="A name or an e-mail address"
        />
        <Select
          control={control}
          name="category"
          label="Category"
          options={plain(TICKET_CATEGORIES)}
        />
        <Select
          control={control}
          name="priority"
          label="Priority"
          hint={`Default targets: respond in ${formatMinutes(target.responseMinutes)}, resolve in ${formatMinutes(target.resolutionMinutes)} (${target.calendar === "24x7" ? "24×7" : "business hours"}); the client's policy decides.`}
          options={plain(TICKET_PRIORITIES)}
        />
        {canAssign ? (
          <Select
            control={control}
            name="assigneeId"
            label="Assignee"
            blank="Nobody yet"
            emptyAs={null}
            options={people.data?.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : null}
        <TextArea
          control={control}
          name="description"
          label="Description"
          className="sm:col-span-2"
          rows={3}
        />
        <FormError className="sm:col-span-2" />
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button variant="ghost" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <SubmitButton>Open ticket</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
