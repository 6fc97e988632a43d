"use client";

import { useController, useFormContext, type Control } from "react-hook-form";
import type { z } from "zod";
import { CheckboxGroup, NumberField, Select, TextArea, TextField } from "@/components/forms/fields";
import { useShownField } from "@/components/forms/form";
import { Field, Select as SelectControl } from "@/components/ui/field";
import {
  CONDITION_KINDS,
  CONDITION_LABELS,
  NOTIFY_CHANNEL_LABELS,
  NOTIFY_CHANNELS,
  ON_TIMEOUT,
  ON_TIMEOUT_LABELS,
  TELEMETRY_METRIC_LABELS,
  TELEMETRY_METRICS,
  TEMPLATE_FIELDS,
  type ConditionKind,
  type StepKind,
} from "@/lib/schemas/playbooks";
import { TICKET_PRIORITIES } from "@/lib/sla";
import {
  newCondition,
  type PlaybookEditorValues,
  type playbookEditorSchema,
} from "./step-defaults";

export type EditorControl = Control<
  PlaybookEditorValues,
  unknown,
  z.output<typeof playbookEditorSchema>
>;
export type Choice = { value: string; label: string };
/** The people and groups a step may name, loaded once by the editor. */
export type Directory = { people: Choice[]; groups: Choice[] };

const TEMPLATE_HINT = `Fields: ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(" ")}`;

type StepProps = { control: EditorControl; index: number; directory: Directory };

/** The fields of one step, by its kind. */
export function StepFields({ kind, ...props }: StepProps & { kind: StepKind }) {
  switch (kind) {
    case "notify":
      return <NotifyFields {...props} />;
    case "assign":
      return <AssignFields {...props} />;
    case "collect_diagnostics":
      return (
        <NumberField
          control={props.control}
          name={`definition.steps.${props.index}.lookbackHours`}
          label="Look back (hours)"
          hint="Telemetry and the site's alerts from this far back; open tickets always."
          className="sm:w-1/2"
        />
      );
    case "wait_for_condition":
      return <WaitFields {...props} />;
    case "create_ticket":
      return <TicketFields {...props} />;
    case "escalate":
      return (
        <TextField
          control={props.control}
          name={`definition.steps.${props.index}.reason`}
          label="Reason (optional)"
          hint={TEMPLATE_HINT}
        />
      );
    case "resolve_alert":
      return (
        <TextArea
          control={props.control}
          name={`definition.steps.${props.index}.note`}
          label="Resolution note"
          rows={2}
          hint={`Recorded with the resolution, beside the signal that justified it. ${TEMPLATE_HINT}`}
        />
      );
  }
}

const boxList =
  "mt-1 grid max-h-40 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2";

function NotifyFields({ control, index, directory }: StepProps) {
  const at = `definition.steps.${index}` as const;
  return (
    <div className="grid gap-3">
      <CheckboxGroup
        control={control}
        name={`${at}.channels`}
        label="Channels"
        options={NOTIFY_CHANNELS.map((c) => ({ value: c, label: NOTIFY_CHANNEL_LABELS[c] }))}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <CheckboxGroup
          control={control}
          name={`${at}.recipients.userIds`}
          label="People"
          listClassName={boxList}
          options={directory.people}
        />
        <CheckboxGroup
          control={control}
          name={`${at}.recipients.groupIds`}
          label="Groups"
          listClassName={boxList}
          options={directory.groups}
        />
      </div>
      <TextField control={control} name={`${at}.subject`} label="Subject" />
      <TextArea
        control={control}
        name={`${at}.body`}
        label="Message"
        rows={3}
        hint={`${TEMPLATE_HINT} — values are escaped, never read as markup.`}
      />
    </div>
  );
}

/** One choice of a person or a group: the step holds exactly one of the two. */
function AssignFields({ control, index, directory }: StepProps) {
  const at = `definition.steps.${index}` as const;
  useShownField(`${at}.userId`);
  const { field: user, fieldState } = useController({ control, name: `${at}.userId` });
  const { field: group } = useController({ control, name: `${at}.groupId` });
  const { ref, name, onBlur, onChange: setUser, value: userId } = user;
  const { onChange: setGroup, value: groupId } = group;
  const error = fieldState.error?.message;
  const value = userId ? `user:${userId}` : groupId ? `group:${groupId}` : "";
  return (
    <Field label="Assign to" error={error}>
      <SelectControl
        ref={ref}
        name={name}
        onBlur={onBlur}
        invalid={Boolean(error)}
        value={value}
        onChange={(e) => {
          const [what, id] = e.target.value.split(":");
          setUser(what === "user" && id ? id : null);
          setGroup(what === "group" && id ? id : null);
        }}
      >
        <option value="" disabled>
          Choose a person or a group…
        </option>
        <optgroup label="Groups">
          {directory.groups.map((g) => (
            <option key={g.value} value={`group:${g.value}`}>
              {g.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="People">
          {directory.people.map((p) => (
            <option key={p.value} value={`user:${p.value}`}>
              {p.label}
            </option>
          ))}
        </optgroup>
      </SelectControl>
    </Field>
  );
}

function WaitFields({ control, index }: StepProps) {
  const at = `definition.steps.${index}` as const;
  const { setValue, watch } = useFormContext<PlaybookEditorValues>();
  const conditionKind = watch(`${at}.condition.kind`) as ConditionKind | undefined;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Select
        control={control}
        name={`${at}.condition.kind`}
        label="Wait until"
        className="sm:col-span-2"
        options={CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_LABELS[k] }))}
        onValue={(k) =>
          setValue(`${at}.condition`, newCondition(k as ConditionKind), {
            shouldValidate: false,
          })
        }
      />
      {conditionKind === "telemetry_in_range" ? (
        <div className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
          <Select
            control={control}
            name={`${at}.condition.metric`}
            label="Reading"
            options={TELEMETRY_METRICS.map((m) => ({
              value: m,
              label: TELEMETRY_METRIC_LABELS[m],
            }))}
          />
          <NumberField control={control} name={`${at}.condition.min`} label="Lowest good value" />
          <NumberField control={control} name={`${at}.condition.max`} label="Highest good value" />
        </div>
      ) : null}
      <NumberField control={control} name={`${at}.everyMinutes`} label="Check every (minutes)" />
      <NumberField
        control={control}
        name={`${at}.timeoutMinutes`}
        label="Give up after (minutes)"
      />
      <Select
        control={control}
        name={`${at}.onTimeout`}
        label="When time runs out"
        className="sm:col-span-2"
        options={ON_TIMEOUT.map((o) => ({ value: o, label: ON_TIMEOUT_LABELS[o] }))}
      />
    </div>
  );
}

function TicketFields({ control, index }: StepProps) {
  const at = `definition.steps.${index}` as const;
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
      <TextField control={control} name={`${at}.title`} label="Ticket title" />
      <Select
        control={control}
        name={`${at}.priority`}
        label="Priority"
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p }))}
      />
      <TextArea
        control={control}
        name={`${at}.body`}
        label="Description (optional)"
        rows={2}
        className="sm:col-span-2"
        hint={TEMPLATE_HINT}
      />
    </div>
  );
}
