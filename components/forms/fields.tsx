"use client";

import { useState, type ReactNode } from "react";
import {
  useController,
  type Control,
  type FieldPath,
  type FieldPathByValue,
  type FieldValues,
} from "react-hook-form";
import {
  Field,
  FieldMessage,
  Input,
  Select as SelectControl,
  Textarea,
} from "@/components/ui/field";
import { useShownField } from "./form";

/**
 * The one set of form fields: each takes the form's `control` and a field `name` checked
 * against the form's values, shows its label, hint and error, and keeps the value in the type
 * the schema wants (numbers as numbers, empty as null where asked).
 */
type Base<T extends FieldValues, O, N> = {
  control: Control<T, unknown, O>;
  name: N;
  label: string;
  /** the label is read by screen readers only (a comment box under its heading) */
  hideLabel?: boolean;
  hint?: string | undefined;
  className?: string;
};

export type Text<T extends FieldValues> = FieldPathByValue<T, string | null | undefined>;
type Own<E extends "input" | "textarea" | "select"> = Omit<
  React.ComponentProps<E>,
  "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "className"
>;

/**
 * The field's value and change handler, the props its control takes, its labelled frame, and
 * the props that are not the field's (`rest`, for the control).
 */
function useField<T extends FieldValues, O, N extends FieldPath<T>, R>(props: Base<T, O, N> & R) {
  const { control, name, label, hideLabel, hint, className, ...rest } = props;
  useShownField(name);
  const { field, fieldState } = useController({ control, name });
  const { ref, onChange, onBlur, value } = field;
  const error = fieldState.error?.message;
  const frame = (node: ReactNode) => {
    const labelled = (
      <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
        {node}
      </Field>
    );
    return className ? <div className={className}>{labelled}</div> : labelled;
  };
  return {
    value: value as unknown,
    onChange,
    error,
    bind: { ref, name, onBlur, invalid: Boolean(error) },
    frame,
    rest,
  };
}

/** A one-line text input; `emptyAs: null` stores blank text as null (an optional URL). */
export function TextField<T extends FieldValues, O, N extends Text<T>>({
  emptyAs,
  ...props
}: Base<T, O, N> & Own<"input"> & { emptyAs?: null }) {
  const f = useField(props);
  return f.frame(
    <Input
      {...f.rest}
      {...f.bind}
      value={typeof f.value === "string" ? f.value : ""}
      onChange={(e) => {
        const v = e.target.value;
        f.onChange(emptyAs === null && v.trim() === "" ? null : v);
      }}
    />,
  );
}

/** Several lines of text. */
export function TextArea<T extends FieldValues, O, N extends Text<T>>(
  props: Base<T, O, N> & Own<"textarea">,
) {
  const f = useField(props);
  return f.frame(
    <Textarea
      {...f.rest}
      {...f.bind}
      value={typeof f.value === "string" ? f.value : ""}
      onChange={f.onChange}
    />,
  );
}

const parseNumber = (s: string) => (s.trim() === "" ? null : Number(s));

/** A number typed as text: blank is `emptyAs` (null unless said), anything else a Number. */
export function NumberField<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, number | null | undefined>,
>({ emptyAs = null, ...props }: Base<T, O, N> & Own<"input"> & { emptyAs?: null | undefined }) {
  const f = useField(props);
  const value = typeof f.value === "number" ? f.value : null;
  // the text as typed ("2.", "-"), kept while it still means the form's value
  const [text, setText] = useState(() => (value === null ? "" : String(value)));
  if (!Object.is(parseNumber(text), value)) setText(value === null ? "" : String(value));
  return f.frame(
    <Input
      inputMode="decimal"
      {...f.rest}
      {...f.bind}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        f.onChange(parseNumber(e.target.value) ?? emptyAs);
      }}
    />,
  );
}

/** "2027-01-15T09:30" in the browser's time, for a datetime-local input. */
export const toLocalInput = (d: Date | null | undefined) =>
  d && !Number.isNaN(d.getTime())
    ? new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : "";

/** A date and time in the browser's zone, held as a Date (or null when blank). */
export function DateTimeField<T extends FieldValues, O, N extends FieldPath<T>>(
  props: Base<T, O, N> & Omit<Own<"input">, "type">,
) {
  const f = useField(props);
  return f.frame(
    <Input
      {...f.rest}
      {...f.bind}
      type="datetime-local"
      value={f.value instanceof Date ? toLocalInput(f.value) : ""}
      onChange={(e) => f.onChange(e.target.value ? new Date(e.target.value) : null)}
    />,
  );
}

type Option = { value: string; label: ReactNode; disabled?: boolean };
export type OptionGroup = { label: string; options: Option[] };

const renderOption = (o: Option) => (
  <option key={o.value} value={o.value} disabled={o.disabled}>
    {o.label}
  </option>
);

/**
 * A choice from a list. `placeholder` is a first, unselectable "Choose…" entry; `emptyAs: null`
 * stores the blank entry as null ("Not yet"), `blank` names that entry.
 */
export function Select<T extends FieldValues, O, N extends Text<T>>({
  options,
  groups,
  placeholder,
  blank,
  emptyAs,
  onValue,
  ...props
}: Base<T, O, N> &
  Own<"select"> & {
    options?: readonly Option[] | undefined;
    groups?: readonly OptionGroup[];
    placeholder?: string;
    blank?: string;
    emptyAs?: null;
    /** told of each choice, after the form's value changed */
    onValue?: (value: string) => void;
  }) {
  const f = useField(props);
  return f.frame(
    <SelectControl
      {...f.rest}
      {...f.bind}
      value={typeof f.value === "string" ? f.value : ""}
      onChange={(e) => {
        const v = e.target.value;
        f.onChange(emptyAs === null && v === "" ? null : v);
        onValue?.(v);
      }}
    >
      {placeholder ? (
        <option value="" disabled>
          {placeholder}
        </option>
      ) : null}
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {options?.map(renderOption)}
      {groups
        ?.filter((g) => g.options.length)
        .map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(renderOption)}
          </optgroup>
        ))}
    </SelectControl>,
  );
}

/** One tick box for a yes/no value. */
export function Checkbox<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, boolean | undefined>,
>({ className = "flex items-center gap-1.5", ...base }: Base<T, O, N>) {
  const f = useField(base);
  const { ref, name, onBlur } = f.bind;
  return (
    <label className={className}>
      <input
        type="checkbox"
        ref={ref}
        name={name}
        onBlur={onBlur}
        checked={f.value === true}
        onChange={(e) => f.onChange(e.target.checked)}
      />
      {base.label}
    </label>
  );
}

/** Tick boxes choosing several values of a list (trades, week days, sites). */
export function CheckboxGroup<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, readonly (string | number)[] | undefined>,
  V extends string | number,
>({
  className,
  options,
  legendClassName = "text-sm font-medium text-slate-700",
  listClassName = "mt-1 flex flex-wrap gap-2",
  itemClassName = "flex items-center gap-1.5",
  inputClassName,
  children,
  ...base
}: Base<T, O, N> & {
  options: readonly { value: V; label: ReactNode }[];
  legendClassName?: string;
  listClassName?: string;
  itemClassName?: string;
  inputClassName?: string;
  /** shown under the boxes (a note on what the list leaves out) */
  children?: ReactNode;
}) {
  const f = useField(base);
  const { ref, onBlur } = f.bind;
  const chosen = Array.isArray(f.value) ? (f.value as readonly V[]) : [];
  const order = options.map((o) => o.value);
  const toggle = (v: V) =>
    f.onChange(
      chosen.includes(v)
        ? chosen.filter((x) => x !== v)
        : [...chosen, v].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
  return (
    <fieldset className={className}>
      <legend className={base.hideLabel ? "sr-only" : legendClassName}>{base.label}</legend>
      <div className={listClassName}>
        {options.map((o, i) => (
          <label key={String(o.value)} className={itemClassName}>
            <input
              type="checkbox"
              ref={i === 0 ? ref : undefined}
              className={inputClassName}
              checked={chosen.includes(o.value)}
              onChange={() => toggle(o.value)}
              onBlur={onBlur}
            />
            {o.label}
          </label>
        ))}
      </div>
      {children}
      <FieldMessage error={f.error} hint={base.hint} />
    </fieldset>
  );
}
