"use client";

import { componentRows, healthTone, percentText } from "@/components/charts/device-data";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import {
  DEVICE_RULES,
  FAILURE_TYPE_LABELS,
  KIND_PROFILES,
  type DeviceKind,
  type FailureType,
  type HealthComponents,
} from "@/lib/devices";

/** The health score as a badge: the number, toned by band (the number carries the meaning). */
export function HealthBadge({ score }: { score: number | null | undefined }) {
  return (
    <span aria-label={score == null ? "Not scored yet" : `Health ${score} of 100`}>
      <Badge tone={healthTone(score)}>
        <span aria-hidden="true" className="tabular-nums">
          {score ?? "—"}
        </span>
      </Badge>
    </span>
  );
}

/** "online" or "offline since …", in words and colour. */
export function OnlineBadge({
  online,
  since,
}: {
  online: boolean;
  since?: Date | null | undefined;
}) {
  if (online) return <Badge tone="green">online</Badge>;
  return (
    <Badge tone="red">
      offline
      {since ? (
        <>
          &nbsp;
          <RelativeTime date={since} prefix="since " />
        </>
      ) : null}
    </Badge>
  );
}

export const kindLabel = (kind: DeviceKind) => KIND_PROFILES[kind].label;

/** The four components of a score, each with the share of the score it carries. */
export function ComponentBars({
  components,
  kind,
  compact = false,
}: {
  components: HealthComponents | null;
  kind: DeviceKind;
  /** "40%" instead of "40% of the score", for a narrow panel */
  compact?: boolean;
}) {
  const rows = componentRows(components);
  return (
    <ul aria-label="Score components" className="space-y-1.5">
      {rows.map((r) => (
        <li key={r.key}>
          <div className="flex justify-between gap-2 text-xs">
            <span>
              {r.label}{" "}
              <span className="text-slate-500">
                {r.value === null
                  ? r.key === "battery" && !KIND_PROFILES[kind].battery
                    ? "· mains-powered"
                    : "· no readings"
                  : `· ${r.weight}%${compact ? "" : " of the score"}`}
              </span>
            </span>
            <span className="font-medium tabular-nums">{r.value ?? "—"}</span>
          </div>
          <div className="h-1.5 rounded bg-slate-100">
            {r.value !== null ? (
              <div
                className={`h-1.5 rounded ${BAR_TONES[r.tone]}`}
                style={{ width: `${Math.max(2, r.value)}%` }}
              />
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

const BAR_TONES = {
  green: "bg-emerald-600",
  amber: "bg-amber-500",
  red: "bg-red-600",
  slate: "bg-slate-400",
  sky: "bg-sky-600",
  violet: "bg-violet-600",
} as const;

export type Prediction = {
  probability: number;
  type: FailureType;
  byType: Record<FailureType, number>;
  explanation: { key: string; label: string }[];
  recommendation: string;
  scoredBy: string;
};

/**
 * The current prediction: the chance of failing within the hour and of which kind, why (the
 * factors the model or the rules saw) and what to do. `action` sits beside the recommendation.
 */
export function PredictionBlock({
  prediction,
  asOf,
  action,
}: {
  prediction: Prediction | null;
  /** when the prediction was last rewritten: the figures in its reasons are of that run */
  asOf?: Date | null;
  action?: React.ReactNode;
}) {
  if (!prediction)
    return (
      <p className="text-sm text-slate-500">No prediction yet: the hourly run has not scored it.</p>
    );
  const alerting = prediction.probability >= DEVICE_RULES.alertAt;
  const watch = prediction.probability >= DEVICE_RULES.resolveBelow;
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={alerting ? "red" : watch ? "amber" : "green"}>
          {percentText(prediction.probability)} within the hour
        </Badge>
        <span className="font-medium">{FAILURE_TYPE_LABELS[prediction.type]} failure</span>
        <span className="text-xs text-slate-500">
          {prediction.scoredBy === "rules" ? "by the rules" : `by ${prediction.scoredBy}`}
          {alerting ? " · raises a NOC alert" : ""}
        </span>
      </p>
      {prediction.explanation.length ? (
        <ul aria-label="Why" className="list-disc space-y-0.5 pl-5 text-slate-700">
          {prediction.explanation.map((e) => (
            <li key={e.key}>{e.label}</li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600">Nothing stands out in the last 24 h.</p>
      )}
      {asOf ? (
        <p className="text-xs text-slate-500">
          Figures as of <RelativeTime date={asOf} />: checked every hour, rewritten when the chance
          moves a point or the type or reasons change.
        </p>
      ) : null}
      <div
        className={`flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 ${watch ? "border-sky-200 bg-sky-50" : "border-slate-200 bg-slate-50"}`}
      >
        <p>
          <span className="font-medium">{watch ? "Recommended:" : "If it gets worse:"}</span>{" "}
          {prediction.recommendation}
        </p>
        {action}
      </div>
    </div>
  );
}
