"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckboxGroup, Select, TextField } from "@/components/forms/fields";
import { Form, useZodForm } from "@/components/forms/form";
import { templateCreateInput } from "@/lib/schemas/shifts";
import { WEEKDAY_LABELS, WEEKDAYS } from "@/lib/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { siteToday } from "./roster-format";
import { RosterFormCard, RosterFormFooter } from "./roster-form-parts";
import { useRosterRefresh } from "./roster-refresh";

type Post = RouterOutputs["roster"]["posts"][number];
type Template = RouterOutputs["roster"]["templates"][number];

export const DAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_LABELS[d - 1] ?? "" }));

/** New shift template, or a template's days, hours and dates (its post stays). */
export function RosterTemplateForm({
  posts,
  template,
  timeZone,
  onDone,
}: {
  posts: readonly Post[];
  template?: Template | undefined;
  timeZone: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const onSuccess = useRosterRefresh();
  const create = useMutation(trpc.roster.createTemplate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.roster.updateTemplate.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.roster.updateTemplate.mutationOptions({ onSuccess }));
  const form = useZodForm(templateCreateInput, {
    defaultValues: {
      postId: template?.postId ?? "",
      name: template?.name ?? "",
      days: template?.days ?? [1, 2, 3, 4, 5, 6, 7],
      startTime: template?.startTime ?? "",
      endTime: template?.endTime ?? "",
      effectiveFrom: template?.effectiveFrom ?? siteToday(timeZone, new Date()),
      effectiveTo: template?.effectiveTo ?? null,
    },
  });
  const { control } = form;
  const postOptions = posts
    .filter((p) => p.active || p.id === template?.postId)
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <RosterFormCard
      title={template ? `Edit shift ${template.name}` : "New shift template"}
      onClose={onDone}
    >
      <Form
        form={form}
        className="grid grid-cols-2 gap-3 p-4"
        onSubmit={async ({ postId, ...fields }) => {
          activate.reset();
          if (template) {
            await update.mutateAsync({
              id: template.id,
              ...fields,
              effectiveTo: fields.effectiveTo ?? null,
            });
          } else await create.mutateAsync({ postId, ...fields });
          onDone();
        }}
      >
        <Select
          control={control}
          name="postId"
          label="Post"
          className="col-span-2"
          placeholder="Choose a post…"
          disabled={Boolean(template)}
          hint={template ? "A template keeps its post; add a new one for another post." : undefined}
          options={postOptions}
          autoFocus={!template}
        />
        <TextField
          control={control}
          name="name"
          label="Name"
          className="col-span-2"
          hint="For example Day, Night or Weekend day."
        />
        <CheckboxGroup
          control={control}
          name="days"
          label="Days of the week"
          className="col-span-2"
          options={DAY_OPTIONS}
        />
        <TextField control={control} name="startTime" label="Starts (site time)" type="time" />
        <TextField
          control={control}
          name="endTime"
          label="Ends (site time)"
          type="time"
          hint="Before the start: it ends the next day."
        />
        <TextField control={control} name="effectiveFrom" label="First day" type="date" />
        <TextField
          control={control}
          name="effectiveTo"
          label="Last day"
          type="date"
          emptyAs={null}
          hint="Leave empty to keep it running."
        />
        <p className="col-span-2 text-xs text-slate-500">
          Times are the site&apos;s local time ({timeZone}); daylight-saving nights come out 7 h or
          9 h long.
        </p>
        <RosterFormFooter
          submit={template ? "Save shift" : "Create shift"}
          toggle={
            template && {
              active: template.active,
              onToggle: (active) => activate.mutate({ id: template.id, active }),
            }
          }
          error={activate.error}
        />
      </Form>
    </RosterFormCard>
  );
}
