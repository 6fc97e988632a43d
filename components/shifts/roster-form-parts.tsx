"use client";

import { FormError, SubmitButton } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { errorMessage } from "@/lib/trpc/errors";

/** The side panel's card around a roster form, with its Close button. */
export function RosterFormCard({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose?: (() => void) | undefined;
  children: React.ReactNode;
}) {
  return (
    <Card
      title={title}
      actions={
        onClose ? (
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        ) : undefined
      }
    >
      {children}
    </Card>
  );
}

/** Retires a roster item (it stays in the history) or brings it back. */
export function RosterActiveToggle({
  active,
  onToggle,
}: {
  active: boolean;
  onToggle: (active: boolean) => void;
}) {
  return (
    <Button variant={active ? "danger" : "secondary"} onClick={() => onToggle(!active)}>
      {active ? "Deactivate" : "Reactivate"}
    </Button>
  );
}

/** The failure of a call made outside the form's own submit (deactivate, new code, remove). */
export function RosterCallError({ error, className = "" }: { error: unknown; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`}>
      {errorMessage(error)}
    </p>
  );
}

/**
 * The foot of a roster form: its submit button, the deactivate/reactivate toggle of an existing
 * item, and what failed (the form's own error, then a call made beside it).
 */
export function RosterFormFooter({
  submit,
  toggle,
  error,
  children,
}: {
  submit: string;
  toggle?: { active: boolean; onToggle: (active: boolean) => void } | undefined;
  error?: unknown;
  /** more buttons beside the submit */
  children?: React.ReactNode;
}) {
  return (
    <>
      <div className="col-span-2 flex flex-wrap items-center gap-2">
        <SubmitButton pending="Saving…">{submit}</SubmitButton>
        {toggle ? <RosterActiveToggle {...toggle} /> : null}
        {children}
      </div>
      <FormError className="col-span-2" />
      <RosterCallError error={error} className="col-span-2" />
    </>
  );
}
