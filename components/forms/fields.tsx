"use client";

import { useState, type ReactNode } from "react";
import {
  useController,
  type Control,
  type FieldPath,
  type FieldPathByValue,
  type FieldValues,
} from "react-hook-form";
import { Field, Input, Select as SelectControl, Textarea } from "@/components/ui/field";
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

type Text<T extends FieldValues> = FieldPathByValue<T, string | null | undefined>;

function useField<T extends FieldValues, O, N extends FieldPath<T>>(
  control: Control<T, unknown, O>,
  name: N,
) {
  useShownField(name);
  return useController({ control, name });
}

const wrap = (className: string | undefined, node: ReactNode) =>
  className ? <div className={className}>{node}</div> : node;

type InputProps = Omit<
  React.ComponentProps<"input">,
  "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "className"
>;

/** A one-line text input; `emptyAs: null` stores blank text as null (an optional URL). */
export function TextField<T extends FieldValues, O, N extends Text<T>>({
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  emptyAs,
  ...input
}: Base<T, O, N> & InputProps & { emptyAs?: null }) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const error = fieldState.error?.message;
  return wrap(
    className,
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
      <Input
        {...input}
        ref={ref}
        name={name}
        value={(f.value as string | null | undefined) ?? ""}
        onChange={(e) => {
          const v = e.target.value;
          onChange(emptyAs === null && v.trim() === "" ? null : v);
        }}
        onBlur={onBlur}
        invalid={Boolean(error)}
      />
    </Field>,
  );
}

/** Several lines of text. */
export function TextArea<T extends FieldValues, O, N extends Text<T>>({
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  ...textarea
}: Base<T, O, N> &
  Omit<
    React.ComponentProps<"textarea">,
    "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "className"
  >) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const error = fieldState.error?.message;
  return wrap(
    className,
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
      <Textarea
        {...textarea}
        ref={ref}
        name={name}
        value={(f.value as string | null | undefined) ?? ""}
        onChange={onChange}
        onBlur={onBlur}
        invalid={Boolean(error)}
      />
    </Field>,
  );
}

/** A number typed as text: blank is `emptyAs` (null unless said), anything else a Number. */
export function NumberField<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, number | null | undefined>,
>({
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  emptyAs = null,
  ...input
}: Base<T, O, N> & InputProps & { emptyAs?: null | undefined }) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const value = (f.value as number | null | undefined) ?? null;
  const parse = (s: string) => (s.trim() === "" ? null : Number(s));
  // the text as typed ("2.", "-"), kept while it still means the form's value
  const [text, setText] = useState(() => (value === null ? "" : String(value)));
  if (!Object.is(parse(text), value)) setText(value === null ? "" : String(value));
  const error = fieldState.error?.message;
  return wrap(
    className,
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
      <Input
        inputMode="decimal"
        {...input}
        ref={ref}
        name={name}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = parse(e.target.value);
          onChange(n === null ? emptyAs : n);
        }}
        onBlur={onBlur}
        invalid={Boolean(error)}
      />
    </Field>,
  );
}

/** "2027-01-15T09:30" in the browser's time, for a datetime-local input. */
export const toLocalInput = (d: Date | null | undefined) =>
  d && !Number.isNaN(d.getTime())
    ? new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : "";

/** A date and time in the browser's zone, held as a Date (or null when blank). */
export function DateTimeField<T extends FieldValues, O, N extends FieldPath<T>>({
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  ...input
}: Base<T, O, N> & Omit<InputProps, "type">) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const value: unknown = f.value;
  const error = fieldState.error?.message;
  return wrap(
    className,
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
      <Input
        {...input}
        type="datetime-local"
        ref={ref}
        name={name}
        value={value instanceof Date ? toLocalInput(value) : ""}
        onChange={(e) => onChange(e.target.value ? new Date(e.target.value) : null)}
        onBlur={onBlur}
        invalid={Boolean(error)}
      />
    </Field>,
  );
}

type Option = { value: string; label: ReactNode; disabled?: boolean };
export type OptionGroup = { label: string; options: Option[] };

/**
 * A choice from a list. `placeholder` is a first, unselectable "Choose…" entry; `emptyAs: null`
 * stores the blank entry as null ("Not yet"), `blank` names that entry.
 */
export function Select<T extends FieldValues, O, N extends Text<T>>({
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  options,
  groups,
  placeholder,
  blank,
  emptyAs,
  onValue,
  ...select
}: Base<T, O, N> &
  Omit<
    React.ComponentProps<"select">,
    "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "className"
  > & {
    options?: readonly Option[];
    groups?: readonly OptionGroup[];
    placeholder?: string;
    blank?: string;
    emptyAs?: null;
    /** told of each choice, after the form's value changed */
    onValue?: (value: string) => void;
  }) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const error = fieldState.error?.message;
  const render = (o: Option) => (
    <option key={o.value} value={o.value} disabled={o.disabled}>
      {o.label}
    </option>
  );
  return wrap(
    className,
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint}>
      <SelectControl
        {...select}
        ref={ref}
        name={name}
        value={(f.value as string | null | undefined) ?? ""}
        onChange={(e) => {
          const v = e.target.value;
          onChange(emptyAs === null && v === "" ? null : v);
          onValue?.(v);
        }}
        onBlur={onBlur}
        invalid={Boolean(error)}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options?.map(render)}
        {groups
          ?.filter((g) => g.options.length)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map(render)}
            </optgroup>
          ))}
      </SelectControl>
    </Field>,
  );
}

/** One tick box for a yes/no value. */
export function Checkbox<
  T extends FieldValues,
  O,
  N extends FieldPathByValue<T, boolean | undefined>,
>({ control, name, label, className = "flex items-center gap-1.5" }: Base<T, O, N>) {
  const { field: f } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  return (
    <label className={className}>
      <input
        type="checkbox"
        ref={ref}
        name={name}
        checked={Boolean(f.value)}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={onBlur}
      />
      {label}
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
  control,
  name,
  label,
  hideLabel,
  hint,
  className,
  options,
  legendClassName = "text-sm font-medium text-slate-700",
  listClassName = "mt-1 flex flex-wrap gap-2",
  itemClassName = "flex items-center gap-1.5",
  inputClassName,
  children,
}: Base<T, O, N> & {
  options: readonly { value: V; label: ReactNode }[];
  legendClassName?: string;
  listClassName?: string;
  itemClassName?: string;
  inputClassName?: string;
  /** shown under the boxes (a note on what the list leaves out) */
  children?: ReactNode;
}) {
  const { field: f, fieldState } = useField(control, name);
  const { ref, onChange, onBlur } = f;
  const chosen = (f.value as readonly V[] | undefined) ?? [];
  const error = fieldState.error?.message;
  const order = options.map((o) => o.value);
  const toggle = (v: V) =>
    onChange(
      chosen.includes(v)
        ? chosen.filter((x) => x !== v)
        : [...chosen, v].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
  return (
    <fieldset className={className}>
      <legend className={hideLabel ? "sr-only" : legendClassName}>{label}</legend>
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
      {error ? (
        <span role="alert" className="block text-xs text-red-700">
          {error}
        </span>
      ) : hint ? (
        <span className="block text-xs text-slate-500">{hint}</span>
      ) : null}
    </fieldset>
  );
}
