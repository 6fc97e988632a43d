import "server-only";
import { and, eq, gte, inArray } from "drizzle-orm";
import {
  CONDITION_LABELS,
  NEVER_AUTO_RESOLVE,
  NOTIFY_CHANNEL_LABELS,
  ON_TIMEOUT_LABELS,
  STEP_KIND_LABELS,
  type PlaybookDefinition,
  type PlaybookStep,
  type RunIf,
  type StepKind,
} from "@/lib/schemas/playbooks";
import { PLAYBOOK_FEATURE, tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { requireActorCan } from "../_core/scope";
import { alertFacts, templateValues, type AlertFacts } from "./alert-facts";
import { replayGuardrail } from "./guardrail";
import { triggerMismatches } from "./match";
import { recipientNames, type Names } from "./names";
import { renderTemplate } from "./template";

const { alerts, clients, sites } = schema;

export type DryRunStep = {
  index: number;
  kind: StepKind;
  label: string;
  /** what the step would do for this alert, in words */
  wouldDo: string;
  /** the step would refuse or fail (a life-safety resolve, no device to wait for) */
  warning: string | null;
};

export type DryRunAlertResult = {
  mode: "alert";
  alert: { id: string; title: string; type: string; severity: string; score: number | null };
  site: string;
  client: string;
  matches: boolean;
  /** why the trigger does not match (empty when it does) */
  reasons: string[];
  requiresApproval: boolean;
  steps: DryRunStep[];
};

export type DryRunHistoryResult = {
  mode: "history";
  days: number;
  /** alerts of clients on a plan with playbooks in the window */
  alertsConsidered: number;
  matched: number;
  /** runs it would have started (matched minus guardrail skips) */
  wouldRun: number;
  skippedGuardrail: number;
  /** runs that would reach each step (a wait that stops the run is not foreseen) */
  /**
   * runs that would reach each step; a step that runs only on one branch of a wait counts
   * every run that reaches the wait (history cannot say how the wait would have gone)
   */
  steps: { index: number; kind: StepKind; label: string; runs: number; runIf: RunIf }[];
  /** a few of the alerts it would have run on, newest first */
  sample: { id: string; title: string; type: string; severity: string; firstSeenAt: Date }[];
};

const nameOf = (names: Names, id: string) => names.get(id) ?? "an unknown recipient";

export function describeStep(
  step: PlaybookStep,
  a: AlertFacts,
  playbookName: string,
  names: Names,
): { wouldDo: string; warning: string | null } {
  const v = templateValues(a, playbookName);
  const fill = (t: string) => renderTemplate(t, v, "text");
  switch (step.kind) {
    case "notify": {
      const who = [...step.recipients.userIds, ...step.recipients.groupIds].map((id) =>
        nameOf(names, id),
      );
      const how = step.channels.map((c) => NOTIFY_CHANNEL_LABELS[c]).join(", ");
      return { wouldDo: `${how} to ${who.join(", ")}: “${fill(step.subject)}”`, warning: null };
    }
    case "assign":
      return {
        wouldDo: `Assign the alert to ${nameOf(names, step.userId ?? step.groupId ?? "")}`,
        warning: null,
      };
    case "collect_diagnostics":
      return {
        wouldDo: `${a.deviceName ? `Telemetry of ${a.deviceName}, ` : ""}open tickets and alerts of ${a.siteName} over the last ${step.lookbackHours} h`,
        warning: null,
      };
    case "wait_for_condition": {
      const noDevice =
        (step.condition.kind === "device_online" || step.condition.kind === "telemetry_in_range") &&
        !a.deviceId;
      return {
        wouldDo: `${CONDITION_LABELS[step.condition.kind]}: check every ${step.everyMinutes} min for up to ${step.timeoutMinutes} min, then: ${ON_TIMEOUT_LABELS[step.onTimeout].toLowerCase()}`,
        warning: noDevice ? "This alert has no device: the condition can never hold" : null,
      };
    }
    case "create_ticket":
      return {
        wouldDo: `Open a ${step.priority} ticket at ${a.siteName}: “${fill(step.title)}”`,
        warning: null,
      };
    case "escalate":
      return { wouldDo: "Escalate the alert to supervisors", warning: null };
    case "resolve_alert":
      return NEVER_AUTO_RESOLVE.includes(a.type)
        ? {
            wouldDo: "Refuse: a playbook never resolves this alert",
            warning: `${a.type} alerts are never resolved automatically`,
          }
        : { wouldDo: `Resolve the alert (auto): “${fill(step.note)}”`, warning: null };
  }
}

const when = (runIf: RunIf, d: { wouldDo: string; warning: string | null }) =>
  runIf === "always"
    ? d
    : {
        ...d,
        wouldDo: `${runIf === "met" ? "If the wait held" : "If the wait timed out"}: ${d.wouldDo}`,
      };

/** What each step would do for one alert; nothing is written. */
export async function dryRunAlert(
  ctx: ServiceCtx,
  input: { definition: PlaybookDefinition; alertId: string; name?: string },
): Promise<DryRunAlertResult> {
  requireActorCan(ctx, "playbook.manage", "Only admins dry-run playbooks");
  const a = await alertFacts(ctx, input.alertId);
  const names = await recipientNames(ctx, input.definition);
  const reasons = triggerMismatches(input.definition.trigger, a);
  if (!a.gold) reasons.push(`${a.clientName} is not on the Gold plan`);
  return {
    mode: "alert",
    alert: { id: a.id, title: a.title, type: a.type, severity: a.severity, score: a.score },
    site: a.siteName,
    client: a.clientName,
    matches: reasons.length === 0,
    reasons,
    requiresApproval: input.definition.requiresApproval,
    steps: input.definition.steps.map((s, index) => ({
      index,
      kind: s.kind,
      label: STEP_KIND_LABELS[s.kind],
      ...when(s.runIf, describeStep(s, a, input.name ?? "this playbook", names)),
    })),
  };
}

/** How many runs the definition would have started over the last `days` days, guardrail included. */
export async function dryRunHistory(
  ctx: ServiceCtx,
  input: { definition: PlaybookDefinition; days: number },
  now: Date,
): Promise<DryRunHistoryResult> {
  requireActorCan(ctx, "playbook.manage", "Only admins dry-run playbooks");
  const d = input.definition;
  const since = new Date(now.getTime() - input.days * 24 * 60 * 60 * 1000);
  const rows = await ctx.db
    .select({
      id: alerts.id,
      title: alerts.title,
      type: alerts.type,
      severity: alerts.severity,
      score: alerts.score,
      clientId: alerts.clientId,
      siteId: alerts.siteId,
      firstSeenAt: alerts.firstSeenAt,
      timeZone: sites.timeZone,
    })
    .from(alerts)
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .where(
      and(
        eq(alerts.tenantId, ctx.tenantId),
        gte(alerts.firstSeenAt, since),
        inArray(alerts.type, d.trigger.alertTypes),
        inArray(clients.tier, tiersWith(PLAYBOOK_FEATURE)),
      ),
    )
    .orderBy(alerts.firstSeenAt);
  const matched = rows
    .filter((r) => triggerMismatches(d.trigger, r).length === 0)
    .map((r) => ({ ...r, at: r.firstSeenAt }));
  const { ran, skipped } = replayGuardrail(matched, d.maxRunsPerSiteHour);
  return {
    mode: "history",
    days: input.days,
    alertsConsidered: rows.length,
    matched: matched.length,
    wouldRun: ran.length,
    skippedGuardrail: skipped.length,
    steps: d.steps.map((s, index) => ({
      index,
      kind: s.kind,
      label: STEP_KIND_LABELS[s.kind],
      runIf: s.runIf,
      runs:
        s.kind === "resolve_alert"
          ? ran.filter((r) => !NEVER_AUTO_RESOLVE.includes(r.type)).length
          : ran.length,
    })),
    sample: ran
      .slice(-10)
      .reverse()
      .map((r) => ({
        id: r.id,
        title: r.title,
        type: r.type,
        severity: r.severity,
        firstSeenAt: r.firstSeenAt,
      })),
  };
}
