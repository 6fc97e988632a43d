"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select as SelectControl } from "@/components/ui/field";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { playbookEditorSchema, type PlaybookEditorValues } from "./step-defaults";
import { alertTypeLabel } from "./trigger-fields";

type EditorForm = UseFormReturn<
  PlaybookEditorValues,
  unknown,
  z.output<typeof playbookEditorSchema>
>;
type DryRun = RouterOutputs["playbook"]["dryRun"];
type AlertResult = Extract<DryRun, { mode: "alert" }>;
type HistoryResult = Extract<DryRun, { mode: "history" }>;

const DAYS = 30;

/**
 * What the playbook in the form would do, without doing it: for one chosen alert, step by
 * step; over the last 30 days, how many runs and which steps they reach. The form is checked
 * first (its errors show at the fields).
 */
export function DryRunPanel({ form }: { form: EditorForm }) {
  const trpc = useTRPC();
  const queue = useQuery(trpc.alert.list.queryOptions({ limit: 100 }));
  const [alertId, setAlertId] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [history, setHistory] = useState<HistoryResult | null>(null);
  const [single, setSingle] = useState<AlertResult | null>(null);
  const dryRun = useMutation(trpc.playbook.dryRun.mutationOptions());

  const definition = async () => {
    const ok = await form.trigger();
    const parsed = playbookEditorSchema.safeParse(form.getValues());
    setInvalid(!ok || !parsed.success);
    return ok && parsed.success ? parsed.data.definition : null;
  };
  const runHistory = async () => {
    const d = await definition();
    if (!d) return;
    const r = await dryRun.mutateAsync({ definition: d, days: DAYS });
    if (r.mode === "history") setHistory(r);
  };
  const runAlert = async () => {
    const d = await definition();
    if (!d || !alertId) return;
    const r = await dryRun.mutateAsync({ definition: d, alertId });
    if (r.mode === "alert") setSingle(r);
  };

  // open alerts, then the ones the 30-day run would have run on
  const options = new Map<string, string>();
  for (const a of queue.data ?? []) options.set(a.id, `${a.title} · ${a.siteName ?? ""}`);
  for (const a of history?.sample ?? [])
    if (!options.has(a.id)) options.set(a.id, `${a.title} · ${formatDateTime(a.firstSeenAt)}`);

  return (
    <Card title="Dry run">
      <div className="space-y-4 p-4 text-sm">
        <p className="text-xs text-slate-500">
          Uses the form as it is now, saved or not. Nothing is sent, assigned or resolved.
        </p>
        {invalid ? (
          <p role="alert" className="text-red-700">
            Fix the fields marked in the form first.
          </p>
        ) : null}
        {dryRun.error ? (
          <p role="alert" className="text-red-700">
            {errorMessage(dryRun.error)}
          </p>
        ) : null}

        <section aria-labelledby="dry-history" className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <h3 id="dry-history" className="font-semibold">
              Last {DAYS} days
            </h3>
            <Button variant="secondary" onClick={runHistory} disabled={dryRun.isPending}>
              Dry run on the last {DAYS} days
            </Button>
          </div>
          {history ? <HistoryFigures result={history} /> : null}
        </section>

        <section aria-labelledby="dry-alert" className="space-y-2 border-t border-slate-200 pt-3">
          <h3 id="dry-alert" className="font-semibold">
            One alert
          </h3>
          <label className="block space-y-1">
            <span className="text-xs text-slate-600">Alert</span>
            <SelectControl value={alertId} onChange={(e) => setAlertId(e.target.value)}>
              <option value="">Choose an alert…</option>
              {[...options].map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </SelectControl>
          </label>
          <Button variant="secondary" onClick={runAlert} disabled={!alertId || dryRun.isPending}>
            Dry run on this alert
          </Button>
          {single ? <AlertSteps result={single} /> : null}
        </section>
      </div>
    </Card>
  );
}

function HistoryFigures({ result }: { result: HistoryResult }) {
  return (
    <div aria-label="Last 30 days" role="group" className="space-y-2">
      <p>
        <b className="tabular-nums">{result.wouldRun}</b> runs would have started, from{" "}
        <span className="tabular-nums">{result.matched}</span> matching alerts of{" "}
        <span className="tabular-nums">{result.alertsConsidered}</span> of these types
        {result.skippedGuardrail
          ? `; the guardrail would have skipped ${result.skippedGuardrail}`
          : ""}
        .
      </p>
      <ol className="space-y-0.5 text-xs">
        {result.steps.map((s) => (
          <li key={s.index} className="flex justify-between gap-2">
            <span>
              {s.index + 1}. {s.label}
            </span>
            <span className="tabular-nums text-slate-600">
              {s.runIf === "always"
                ? `${s.runs} runs`
                : `up to ${s.runs}, ${s.runIf === "met" ? "if the wait held" : "if it timed out"}`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function AlertSteps({ result }: { result: AlertResult }) {
  return (
    <div role="group" aria-label="Dry run of one alert" className="space-y-2">
      <p className="flex flex-wrap items-center gap-1.5">
        <Badge tone={result.matches ? "green" : "amber"}>
          {result.matches ? "would run" : "would not run"}
        </Badge>
        <span>
          {result.alert.title} · {alertTypeLabel(result.alert.type)} · {result.site}
        </span>
      </p>
      {result.reasons.length ? (
        <ul className="list-disc pl-5 text-xs text-amber-800">
          {result.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {result.requiresApproval ? (
        <p className="text-xs text-slate-600">
          It would first wait for a supervisor&apos;s approval.
        </p>
      ) : null}
      <ol className="space-y-1.5">
        {result.steps.map((s) => (
          <li key={s.index} className="rounded border border-slate-200 px-2 py-1.5">
            <div className="text-xs font-medium">
              {s.index + 1}. {s.label}
            </div>
            <div className="text-xs text-slate-700">{s.wouldDo}</div>
            {s.warning ? (
              <div className="text-xs text-amber-800">
                <Badge tone="amber">warning</Badge> {s.warning}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
