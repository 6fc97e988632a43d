"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";

type Run = RouterOutputs["playbook"]["run"];

const VIA: Record<string, string> = { app: "in the app", link: "from the e-mail or Slack link" };

/**
 * A run's approval: who decided and how, or — while it waits — approve and reject for those
 * who may (the server says so in `canDecide`).
 */
export function RunApproval({ run, compact = false }: { run: Run; compact?: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries(trpc.playbook.pathFilter());
  const approve = useMutation(trpc.playbook.approve.mutationOptions({ onSuccess }));
  const reject = useMutation(trpc.playbook.reject.mutationOptions({ onSuccess }));
  const [note, setNote] = useState("");
  const via = run.decidedVia ? ` ${VIA[run.decidedVia] ?? run.decidedVia}` : "";
  if (!run.definition.requiresApproval && !run.approvedByName && !run.rejectedByName) {
    return compact ? null : (
      <Card title="Approval">
        <p className="p-4 text-sm text-slate-600">This playbook runs without approval.</p>
      </Card>
    );
  }
  const body = (
    <div className={`space-y-2 text-sm ${compact ? "" : "p-4"}`}>
      {run.status === "awaiting_approval" ? (
        <p className="font-medium text-amber-800">Waiting for a supervisor&apos;s approval.</p>
      ) : run.approvedAt ? (
        <p suppressHydrationWarning>
          Approved by {run.approvedByName ?? "someone"}
          {via}, {formatDateTime(run.approvedAt)}.
        </p>
      ) : run.rejectedAt ? (
        <p suppressHydrationWarning>
          Rejected by {run.rejectedByName ?? "someone"}
          {via}, {formatDateTime(run.rejectedAt)}.
        </p>
      ) : (
        <p className="text-slate-600">Not decided: the run ended before anyone approved it.</p>
      )}
      {run.canDecide ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            approve.mutate({ runId: run.id, ...(note.trim() ? { note } : {}) });
          }}
        >
          <label className="block space-y-1">
            <span className="text-xs text-slate-600">Note (optional)</span>
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
          </label>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={approve.isPending || reject.isPending}>
              Approve run
            </Button>
            <Button
              variant="danger"
              disabled={approve.isPending || reject.isPending}
              onClick={() => reject.mutate({ runId: run.id, ...(note.trim() ? { note } : {}) })}
            >
              Reject run
            </Button>
          </div>
        </form>
      ) : null}
      {(approve.error ?? reject.error) ? (
        <p role="alert" className="text-red-700">
          {errorMessage(approve.error ?? reject.error)}
        </p>
      ) : null}
    </div>
  );
  return compact ? body : <Card title="Approval">{body}</Card>;
}
