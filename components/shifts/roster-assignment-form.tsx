"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Select, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { assignmentCreateInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { formatDays, formatHours, siteToday } from "./roster-format";
import { RosterCallError, RosterFormCard } from "./roster-form-parts";
import { useRosterRefresh } from "./roster-refresh";

type Template = RouterOutputs["roster"]["templates"][number];
type Assignment = RouterOutputs["roster"]["assignments"][number];

/** A guard on a shift template for a date range; an existing one can change guard or dates. */
export function RosterAssignmentForm({
  templates,
  assignment,
  templateId,
  timeZone,
  onDone,
}: {
  templates: readonly Template[];
  assignment?: Assignment | undefined;
  templateId?: string | undefined;
  timeZone: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const onSuccess = useRosterRefresh();
  const guards = useQuery(trpc.roster.guards.queryOptions({}));
  const create = useMutation(trpc.roster.createAssignment.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.roster.updateAssignment.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.roster.deleteAssignment.mutationOptions({ onSuccess }));
  const [confirming, setConfirming] = useState(false);
  const form = useZodForm(assignmentCreateInput, {
    defaultValues: {
      templateId: assignment?.templateId ?? templateId ?? "",
      guardId: assignment?.guardId ?? "",
      startsOn: assignment?.startsOn ?? siteToday(timeZone, new Date()),
      endsOn: assignment?.endsOn ?? null,
    },
  });
  const { control } = form;
  const templateOptions = templates
    .filter((t) => t.active || t.id === assignment?.templateId)
    .map((t) => ({
      value: t.id,
      label: `${t.postName} · ${t.name} (${formatDays(t.days)}, ${formatHours(t.startTime, t.endTime)})`,
    }));
  return (
    <RosterFormCard
      title={assignment ? `Assignment of ${assignment.guardName}` : "Assign a guard"}
      onClose={onDone}
    >
      <Form
        form={form}
        className="grid grid-cols-2 gap-3 p-4"
        onSubmit={async (values) => {
          remove.reset();
          if (assignment) {
            const { guardId, startsOn, endsOn } = values;
            await update.mutateAsync({
              id: assignment.id,
              guardId,
              startsOn,
              endsOn: endsOn ?? null,
            });
          } else await create.mutateAsync(values);
          onDone();
        }}
      >
        <Select
          control={control}
          name="templateId"
          label="Shift"
          className="col-span-2"
          placeholder="Choose a shift…"
          disabled={Boolean(assignment)}
          options={templateOptions}
        />
        <Select
          control={control}
          name="guardId"
          label="Guard"
          className="col-span-2"
          placeholder="Choose a guard…"
          options={(guards.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
        <TextField control={control} name="startsOn" label="From" type="date" />
        <TextField
          control={control}
          name="endsOn"
          label="Until"
          type="date"
          emptyAs={null}
          hint="Leave empty for no end."
        />
        <div className="col-span-2 flex flex-wrap items-center gap-2">
          <SubmitButton pending="Saving…">{assignment ? "Save assignment" : "Assign"}</SubmitButton>
          {assignment && !confirming ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Remove…
            </Button>
          ) : null}
        </div>
        {assignment && confirming ? (
          <div
            role="group"
            aria-label="Confirm removal"
            className="col-span-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          >
            <p>
              Remove {assignment.guardName} from {assignment.templateName}? Their shifts that have
              not started become open shifts that nobody holds.
            </p>
            <div className="flex gap-2">
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: assignment.id }, { onSuccess: onDone })}
              >
                Remove assignment
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </div>
          </div>
        ) : null}
        <FormError className="col-span-2" />
        <RosterCallError error={remove.error} className="col-span-2" />
      </Form>
    </RosterFormCard>
  );
}
