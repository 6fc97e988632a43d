"use client";

import { useRef, useState } from "react";
import { get, useFieldArray, useFormState, useWatch } from "react-hook-form";
import { Select } from "@/components/forms/fields";
import { useShownField } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { FieldMessage, Select as SelectControl } from "@/components/ui/field";
import {
  MAX_STEPS,
  RUN_IF,
  RUN_IF_LABELS,
  STEP_KIND_HELP,
  STEP_KIND_LABELS,
  STEP_KINDS,
  type StepKind,
} from "@/lib/schemas/playbooks";
import { newStep } from "./step-defaults";
import { StepFields, type Directory, type EditorControl } from "./step-fields";

/** An error the form puts at `name` with no field of its own (a step's kind, the list). */
function PathError({ control, name }: { control: EditorControl; name: string }) {
  useShownField(name);
  const { errors } = useFormState({ control, name: name as "definition.steps" });
  const error = get(errors, name) as { message?: string } | undefined;
  return <FieldMessage error={error?.message} />;
}

/**
 * The playbook's ordered steps: a form per step kind, added at the end, moved up and down and
 * removed with buttons (keyboard and screen reader friendly: focus stays on the moved step's
 * button, and a status line says where it went).
 */
export function StepList({ control, directory }: { control: EditorControl; directory: Directory }) {
  const { fields, append, remove, move } = useFieldArray({ control, name: "definition.steps" });
  const values = useWatch({ control, name: "definition.steps" });
  const firstWait = (values ?? []).findIndex((s) => s.kind === "wait_for_condition");
  const [adding, setAdding] = useState<StepKind>("notify");
  const [said, setSaid] = useState("");
  const list = useRef<HTMLOListElement>(null);
  const focusLater = (key: string) =>
    requestAnimationFrame(() =>
      list.current?.querySelector<HTMLButtonElement>(`[data-step-button="${key}"]`)?.focus(),
    );

  const moveStep = (from: number, to: number, id: string, dir: "up" | "down") => {
    move(from, to);
    setSaid(`Step moved to position ${to + 1} of ${fields.length}.`);
    // stay on the same button when it still can move that way, else on its other arrow
    const still = dir === "up" ? to > 0 : to < fields.length - 1;
    focusLater(`${id}:${still ? dir : dir === "up" ? "down" : "up"}`);
  };

  return (
    <section aria-labelledby="steps-heading" className="space-y-3">
      <div>
        <h2 id="steps-heading" className="text-sm font-semibold text-slate-800">
          Steps
        </h2>
        <p className="text-xs text-slate-500">Run in this order, each recorded with its result.</p>
        <PathError control={control} name="definition.steps" />
        <PathError control={control} name="definition.steps.root" />
      </div>
      <ol ref={list} className="space-y-3" aria-label="Steps">
        {fields.map((field, index) => {
          const kind = field.kind;
          const label = `step ${index + 1}`;
          return (
            <li
              key={field.id}
              className="rounded-lg border border-slate-200 bg-white p-3 shadow-xs"
              aria-label={`Step ${index + 1}: ${STEP_KIND_LABELS[kind]}`}
            >
              <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="text-sm font-semibold">
                    <span className="mr-1.5 inline-flex size-5 items-center justify-center rounded-full bg-slate-100 text-xs tabular-nums">
                      {index + 1}
                    </span>
                    {STEP_KIND_LABELS[kind]}
                  </h3>
                  <p className="text-xs text-slate-500">{STEP_KIND_HELP[kind]}</p>
                  <PathError control={control} name={`definition.steps.${index}.kind`} />
                </div>
                <div className="flex gap-1">
                  <Button
                    variant="ghost"
                    className="px-2"
                    aria-label={`Move ${label} up`}
                    disabled={index === 0}
                    data-step-button={`${field.id}:up`}
                    onClick={() => moveStep(index, index - 1, field.id, "up")}
                  >
                    ↑<span className="sr-only sm:not-sr-only">Up</span>
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2"
                    aria-label={`Move ${label} down`}
                    disabled={index === fields.length - 1}
                    data-step-button={`${field.id}:down`}
                    onClick={() => moveStep(index, index + 1, field.id, "down")}
                  >
                    ↓<span className="sr-only sm:not-sr-only">Down</span>
                  </Button>
                  <Button
                    variant="danger"
                    className="px-2"
                    aria-label={`Remove ${label}`}
                    data-step-button={`${field.id}:remove`}
                    onClick={() => {
                      remove(index);
                      setSaid(`Step ${index + 1} removed.`);
                      const next = fields[index + 1] ?? fields[index - 1];
                      if (next) focusLater(`${next.id}:remove`);
                    }}
                  >
                    Remove
                  </Button>
                </div>
              </div>
              <StepFields kind={kind} control={control} index={index} directory={directory} />
              {(firstWait >= 0 && index > firstWait) ||
              (values?.[index]?.runIf ?? "always") !== "always" ? (
                <Select
                  control={control}
                  name={`definition.steps.${index}.runIf`}
                  label="Runs"
                  className="mt-3 sm:w-1/2"
                  options={RUN_IF.map((r) => ({ value: r, label: RUN_IF_LABELS[r] }))}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
      <p role="status" className="sr-only">
        {said}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="block min-w-56 space-y-1">
          <span className="text-sm font-medium text-slate-700">Kind of step</span>
          <SelectControl value={adding} onChange={(e) => setAdding(e.target.value as StepKind)}>
            {STEP_KINDS.map((k) => (
              <option key={k} value={k}>
                {STEP_KIND_LABELS[k]}
              </option>
            ))}
          </SelectControl>
        </label>
        <Button
          variant="secondary"
          disabled={fields.length >= MAX_STEPS}
          onClick={() => {
            append(newStep(adding), { shouldFocus: false });
            setSaid(`${STEP_KIND_LABELS[adding]} added as step ${fields.length + 1}.`);
          }}
        >
          Add step
        </Button>
      </div>
    </section>
  );
}
