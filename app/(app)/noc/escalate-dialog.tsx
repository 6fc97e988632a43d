"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useAlertRefresh } from "./use-alert-refresh";

/** Escalating pages the supervisors on call, so it asks first (key `e` and the button). */
export function EscalateDialog({
  id,
  title,
  onDone,
}: {
  id: string;
  title: string;
  /** escalated: true once it went out */
  onDone: (escalated: boolean) => void;
}) {
  const trpc = useTRPC();
  const refresh = useAlertRefresh();
  const [reason, setReason] = useState("");
  const escalate = useMutation(
    trpc.alert.escalate.mutationOptions({
      onSuccess: () => {
        void refresh.alerts([id]);
        onDone(true);
      },
    }),
  );
  return (
    <Dialog label="Escalate this alert?" onClose={() => onDone(false)}>
      <form
        className="mt-2 space-y-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          escalate.mutate({ id, reason: reason.trim() || undefined });
        }}
      >
        <p>
          <span className="font-medium">{title}</span> goes to the supervisors, who are paged now
          (in the app, and by e-mail or Slack as each chose).
        </p>
        <Field label="Reason (optional)">
          <Input
            autoFocus
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="What they should know"
          />
        </Field>
        {escalate.error ? (
          <p role="alert" className="text-red-700">
            {errorMessage(escalate.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => onDone(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={escalate.isPending}>
            Escalate and page
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
