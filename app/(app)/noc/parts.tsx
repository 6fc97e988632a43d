"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { formatAge } from "@/lib/format";
import { TARGET_RESPONSE_MINUTES, triageState, type Severity } from "@/lib/noc";
import { FEATURES, TIER_LABELS } from "@/lib/tiers";

/** The lowest plan with AI triage, as the page names it ("Bronze"). */
export const TRIAGE_TIER = TIER_LABELS[FEATURES.alertTriage.minTier];
export const NO_TRIAGE_EXPLAINED = `No AI triage on this plan — ${TRIAGE_TIER} and above include it`;

/** The priority score; or that triage is under way; or that the client's plan has none. */
export function ScoreBadge({ score, scoredBy }: { score: number | null; scoredBy: string | null }) {
  const state = triageState({ score, scoredBy });
  if (state === "pending") return <Badge>scoring…</Badge>;
  if (score === null || state === "not in plan")
    return (
      <span title={NO_TRIAGE_EXPLAINED}>
        <Badge>no AI triage</Badge>
      </span>
    );
  const tone: Tone = score >= 90 ? "red" : score >= 80 ? "amber" : score >= 50 ? "sky" : "slate";
  return (
    <span title={`Priority ${score} of 100`}>
      <Badge tone={tone}>{score}</Badge>
    </span>
  );
}

const SEVERITY_TONE: Record<Severity, Tone> = {
  critical: "red",
  high: "amber",
  medium: "sky",
  low: "slate",
  info: "slate",
};
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}

/** How long an alert has waited against its severity's target: fine, amber past half, red past it. */
export function AlarmAge({
  severity,
  firstSeenAt,
  acknowledgedAt,
  now,
}: {
  severity: Severity;
  firstSeenAt: Date;
  acknowledgedAt: Date | null;
  now: Date;
}) {
  const waited = (acknowledgedAt ?? now).getTime() - firstSeenAt.getTime();
  const target = TARGET_RESPONSE_MINUTES[severity] * 60_000;
  const state = acknowledgedAt
    ? "acknowledged"
    : waited > target
      ? "overdue"
      : waited > target / 2
        ? "due soon"
        : "within target";
  const cls =
    state === "overdue"
      ? "text-red-700 font-semibold"
      : state === "due soon"
        ? "text-amber-700 font-medium"
        : "text-slate-600";
  return (
    <span
      suppressHydrationWarning
      className={`tabular-nums sm:whitespace-nowrap ${cls}`}
      title={`Target ${TARGET_RESPONSE_MINUTES[severity]} min — ${state}`}
    >
      {/* one text node: the server and the browser render a moment apart, and a suffix that
          appears in between must not change the node count (that is not a warning-level
          difference but a failed hydration) */}
      {`${formatAge(firstSeenAt, now)}${
        state === "overdue" ? " · overdue" : state === "due soon" ? " · due soon" : ""
      }`}
    </span>
  );
}
