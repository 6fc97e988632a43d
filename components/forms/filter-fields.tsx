"use client";

import type { ReactNode } from "react";
import { Select } from "@/components/ui/field";

/**
 * Where a filter's label sits: beside its control (the NOC queue's bar), above it (the audit
 * log's), or above it on a phone and beside it from `sm` up (the device fleet's).
 */
const LAYOUTS = {
  beside: { box: "flex items-center gap-1.5", text: "text-slate-600", control: "max-w-48" },
  above: { box: "flex min-w-0 flex-col gap-0.5", text: "text-xs text-slate-600" },
  "above-on-phone": {
    box: "flex min-w-0 flex-col gap-0.5 sm:flex-row sm:items-center sm:gap-1.5",
    text: "text-xs text-slate-600 sm:text-sm",
  },
} satisfies Record<string, { box: string; text: string; control?: string }>;

export type FilterLayout = keyof typeof LAYOUTS;

/** Enum values (shown in words), or ids with their labels (a locked one disabled). */
export type FilterOption = string | { value: string; label: string; disabled?: boolean };

/** A filter bar's labelled control; the control carries its own accessible name. */
export function FilterField({
  label,
  layout = "beside",
  children,
}: {
  label: string;
  layout?: FilterLayout | undefined;
  children: ReactNode;
}) {
  const l: { box: string; text: string; control?: string } = LAYOUTS[layout];
  return (
    <label className={l.box}>
      <span aria-hidden="true" className={l.text}>
        {label}
      </span>
      {l.control ? <span className={l.control}>{children}</span> : children}
    </label>
  );
}

/** A choice of one value or all of them; choosing "all" removes the filter (undefined). */
export function FilterSelect({
  label,
  name = label,
  value,
  options,
  onChange,
  all = "All",
  layout,
}: {
  label: string;
  /** the control's accessible name, where it says more than the label */
  name?: string;
  value: string | undefined;
  options: readonly FilterOption[];
  onChange: (v: string | undefined) => void;
  /** the first option's words, which stand for no filter */
  all?: string;
  layout?: FilterLayout;
}) {
  return (
    <FilterField label={label} layout={layout}>
      <Select
        aria-label={name}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{all}</option>
        {options.map((o) =>
          typeof o === "string" ? (
            <option key={o} value={o}>
              {o.replaceAll("_", " ").toLowerCase()}
            </option>
          ) : (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ),
        )}
      </Select>
    </FilterField>
  );
}

/** A yes/no filter. */
export function FilterCheck({
  label,
  checked,
  onChange,
  className = "flex items-center gap-1.5",
}: {
  label: string;
  checked: boolean | undefined;
  onChange: (on: boolean) => void;
  className?: string;
}) {
  return (
    <label className={className}>
      <input
        type="checkbox"
        checked={Boolean(checked)}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}
