"use client";

import {
  useController,
  type Control,
  type FieldPathByValue,
  type FieldValues,
} from "react-hook-form";
import { FieldMessage } from "@/components/ui/field";
import { useShownField } from "./form";

type Option = { id: string; label: string; hint?: string };
type Scope = { siteIds?: string[] | undefined; clientIds?: string[] | undefined };

/** Checkbox lists for a user's client and site scope, as one form field. */
export function ScopePicker<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, Scope | undefined>,
>({
  control,
  name,
  clients,
  sites,
}: {
  control: Control<T, unknown, O>;
  name: N;
  clients: Option[];
  sites: Option[];
}) {
  useShownField(name);
  const { field, fieldState } = useController({ control, name });
  const value = (field.value as Scope | undefined) ?? {};
  const { onChange } = field;
  const toggle = (key: "siteIds" | "clientIds", id: string) => {
    const set = new Set(value[key]);
    if (set.has(id)) set.delete(id);
    else set.add(id);
    onChange({ siteIds: [], clientIds: [], ...value, [key]: [...set] });
  };
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">
        Scope (leave empty for all)
      </legend>
      {(
        [
          ["Clients", "clientIds", clients],
          ["Sites", "siteIds", sites],
        ] as const
      ).map(([title, key, options]) => (
        <div key={key} className="max-h-44 overflow-y-auto rounded-md border border-slate-200 p-2">
          <div className="mb-1 text-xs font-semibold uppercase text-slate-500">{title}</div>
          {options.map((o) => (
            <label key={o.id} className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                checked={value[key]?.includes(o.id) ?? false}
                onChange={() => toggle(key, o.id)}
              />
              <span>{o.label}</span>
              {o.hint ? <span className="text-xs text-slate-400">{o.hint}</span> : null}
            </label>
          ))}
        </div>
      ))}
      <FieldMessage error={fieldState.error?.message} className="sm:col-span-2" />
    </fieldset>
  );
}
