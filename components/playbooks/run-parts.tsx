"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime, formatElapsed } from "@/lib/format";
import {
  RUN_STATUS_LABELS,
  STEP_STATUS_LABELS,
  type RunStatus,
  type StepStatus,
} from "@/lib/schemas/playbooks";
import type { RouterOutputs } from "@/lib/trpc/types";
import { outputLines } from "./figures";

type RunDetail = RouterOutputs["playbook"]["run"];
type StepResult = RunDetail["steps"][number];

const RUN_TONES: Record<RunStatus, Tone> = {
  pending: "sky",
  awaiting_approval: "amber",
  running: "sky",
  succeeded: "green",
  failed: "red",
  rejected: "slate",
  cancelled: "slate",
  skipped_guardrail: "violet",
};

const STEP_TONES: Record<StepStatus, Tone> = {
  pending: "slate",
  running: "sky",
  waiting: "amber",
  succeeded: "green",
  failed: "red",
  skipped: "slate",
  timed_out: "amber",
};

/** A run's status in words (colour is never the only signal). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={RUN_TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>;
}

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <Badge tone={STEP_TONES[status]}>{STEP_STATUS_LABELS[status]}</Badge>;
}

/** What a step recorded: its values in lines, lists and records behind a disclosure. */
function StepOutput({ output }: { output: StepResult["output"] }) {
  const lines = outputLines(output);
  if (!lines.length) return null;
  return (
    <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
      {lines.map((l) => (
        <div key={l.key} className="contents">
          <dt className="text-slate-500">{l.label}</dt>
          <dd className="min-w-0 break-words">
            {l.detail ? (
              <details>
                <summary className="cursor-pointer text-sky-800">{l.value}</summary>
                <pre className="mt-1 max-h-56 overflow-auto rounded bg-slate-50 p-2 text-[11px] leading-snug">
                  {l.detail}
                </pre>
              </details>
            ) : (
              l.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A run's steps in order: status, start and end (or how long so far), what it recorded and
 * its error. `compact` drops the times' dates for the alert panel.
 */
export function RunSteps({
  steps,
  now,
  compact = false,
}: {
  steps: readonly StepResult[];
  now: Date;
  compact?: boolean;
}) {
  return (
    <ol aria-label="Run steps" className="space-y-2">
      {steps.map((s) => (
        <li
          key={s.index}
          aria-label={`Step ${s.index + 1}: ${s.label}, ${STEP_STATUS_LABELS[s.status]}`}
          className="rounded-md border border-slate-200 px-3 py-2"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="text-sm font-medium">
              {s.index + 1}. {s.label}
            </span>
            <span className="flex items-center gap-2">
              {s.attempt > 1 ? (
                <span className="text-xs text-slate-500">attempt {s.attempt}</span>
              ) : null}
              <StepStatusBadge status={s.status} />
            </span>
          </div>
          {s.startedAt ? (
            <p className="text-xs text-slate-500" suppressHydrationWarning>
              {compact ? null : <>Started {formatDateTime(s.startedAt)} · </>}
              {s.finishedAt
                ? `${compact ? "took" : `ended ${formatDateTime(s.finishedAt)},`} ${formatElapsed(s.startedAt, s.finishedAt, now)}`
                : `for ${formatElapsed(s.startedAt, null, now)} so far`}
            </p>
          ) : null}
          <StepOutput output={s.output} />
          {s.error ? (
            <p className="mt-1 text-xs text-red-700">
              <span className="font-medium">Error:</span> {s.error}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
