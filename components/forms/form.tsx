"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { createContext, useContext, useEffect, useState, type FormHTMLAttributes } from "react";
import {
  FormProvider,
  get,
  useForm,
  useFormContext,
  useFormState,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormProps,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * A react-hook-form form validated by a zod schema: the same schema the procedure parses
 * (lib/schemas/), so the browser says what is wrong before the server is asked. Values in the
 * form are the schema's input; the submit handler gets its output.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver">,
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({ ...options, resolver: zodResolver(schema) });
}

/** The names of the fields a form shows, so a server error lands next to its field. */
const Shown = createContext<Set<string> | null>(null);

/** A field component says it shows `name` (and its error) while it is mounted. */
export function useShownField(name: string) {
  const shown = useContext(Shown);
  useEffect(() => {
    if (!shown) return;
    shown.add(name);
    return () => void shown.delete(name);
  }, [shown, name]);
}

/**
 * Puts a failed call's errors on the form: each error that names a field the form shows goes
 * next to that field (zod's issues from the procedure's input, a service's `ValidationError`
 * or `ConflictError` with a field); anything else is the form's own error (FormError).
 */
export function applyServerError<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  err: unknown,
  shown: ReadonlySet<string>,
) {
  const elsewhere: string[] = [];
  let first = true;
  for (const [name, message] of Object.entries(fieldErrors(err))) {
    if (!message) continue;
    if (shown.has(name)) {
      form.setError(name as Path<T>, { type: "server", message }, { shouldFocus: first });
      first = false;
    } else elsewhere.push(`${name}: ${message}`);
  }
  if (first || elsewhere.length)
    form.setError("root.server", {
      type: "server",
      message: first ? errorMessage(err) : elsewhere.join("; "),
    });
}

type FormProps<T extends FieldValues, O> = Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & {
  form: UseFormReturn<T, unknown, O>;
  /** Called with the parsed values; a thrown (tRPC) error is shown on the form. */
  onSubmit: (values: O) => unknown;
};

/** A `<form>` for a `useZodForm` form: validates, submits, and shows what failed where. */
export function Form<T extends FieldValues, O>({
  form,
  onSubmit,
  children,
  ...props
}: FormProps<T, O>) {
  const [shown] = useState(() => new Set<string>());
  return (
    <FormProvider {...form}>
      <Shown.Provider value={shown}>
        <form
          noValidate
          {...props}
          onSubmit={form.handleSubmit(async (values) => {
            try {
              await onSubmit(values);
            } catch (err) {
              applyServerError(form, err, shown);
            }
          })}
        >
          {children}
        </form>
      </Shown.Provider>
    </FormProvider>
  );
}

/** Dotted paths of the errors in a react-hook-form error tree ("contractTargets.slaMetPct"). */
function errorPaths(errors: FieldErrors, prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "root" || key === "ref") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === "string") out.push(path);
    else if (typeof value === "object") out.push(...errorPaths(value as FieldErrors, path));
  }
  return out;
}

/**
 * The form's own error line: the server's message when it names no field the form shows, the
 * messages of invalid values no field shows, or "Some fields need attention" when the fields
 * say it themselves.
 */
export function FormError({ className = "" }: { className?: string }) {
  const { control } = useFormContext();
  const { errors, submitCount } = useFormState({ control });
  const shown = useContext(Shown);
  const server = get(errors, "root.server") as { message?: string } | undefined;
  const paths = errorPaths(errors);
  const hidden = paths
    .filter((p) => !shown?.has(p))
    .map((p) => (get(errors, p) as { message?: string }).message);
  const message =
    server?.message ??
    (hidden.length ? hidden.join("; ") : null) ??
    (paths.length && submitCount ? "Some fields need attention" : null);
  if (!message) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`}>
      {message}
    </p>
  );
}

/** The form's submit button, disabled (and relabelled, with `pending`) while it submits. */
export function SubmitButton({
  children,
  pending,
  disabled,
  ...props
}: Omit<React.ComponentProps<typeof Button>, "type"> & { pending?: React.ReactNode }) {
  const { control } = useFormContext();
  const { isSubmitting } = useFormState({ control });
  return (
    <Button type="submit" disabled={isSubmitting || disabled} {...props}>
      {isSubmitting && pending ? pending : children}
    </Button>
  );
}
