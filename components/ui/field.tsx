import type { ReactNode } from "react";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs placeholder:text-slate-400 focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/20 aria-[invalid=true]:border-red-500";

export function Field({
  label,
  hideLabel,
  error,
  hint,
  children,
}: {
  label: string;
  /** for screen readers only, where the context shows what the control is */
  hideLabel?: boolean | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}) {
  return (
    <label className="block space-y-1">
      <span className={hideLabel ? "sr-only" : "text-sm font-medium text-slate-700"}>{label}</span>
      {children}
      <FieldMessage error={error} hint={hint} />
    </label>
  );
}

/** Under a control: what is wrong with it, else its hint. */
export function FieldMessage({
  error,
  hint,
  className = "",
}: {
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
}) {
  return error ? (
    <span role="alert" className={`block text-xs text-red-700 ${className}`}>
      {error}
    </span>
  ) : hint ? (
    <span className={`block text-xs text-slate-500 ${className}`}>{hint}</span>
  ) : null;
}

export function Input({
  invalid,
  ...props
}: React.ComponentProps<"input"> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} className={control} {...props} />;
}

export function Select({
  invalid,
  ...props
}: React.ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={control} {...props} />;
}

export function Textarea({
  invalid,
  ...props
}: React.ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={control} {...props} />;
}
