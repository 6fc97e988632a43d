import { z } from "zod";
import { ALERT_TYPES, LIFE_SAFETY_TYPES, SEVERITIES, type AlertType } from "../noc";
import { TICKET_PRIORITIES } from "../sla";
import { idList, text, uuid } from "./common";

/**
 * A playbook's definition (playbooks.md), shared by the editor form and the server. Every
 * message names what to fix, for the form to show beside the field (zod's issue paths).
 */

export const STEP_KINDS = [
  "notify",
  "assign",
  "collect_diagnostics",
  "wait_for_condition",
  "create_ticket",
  "escalate",
  "resolve_alert",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  notify: "Notify",
  assign: "Assign",
  collect_diagnostics: "Collect diagnostics",
  wait_for_condition: "Wait for a condition",
  create_ticket: "Create a ticket",
  escalate: "Escalate to supervisors",
  resolve_alert: "Resolve the alert",
};

/** One line each, for the editor's step picker and the dry run. */
export const STEP_KIND_HELP: Record<StepKind, string> = {
  notify: "E-mail, Slack or in-app message to users or groups, from a template",
  assign: "Assign the alert to a user or a group",
  collect_diagnostics:
    "Attach the device's recent telemetry, the site's open tickets and recent alerts",
  wait_for_condition: "Check a condition every few minutes until it holds or time runs out",
  create_ticket: "Open a helpdesk ticket linked to the alert",
  escalate: "Escalate the alert to supervisors",
  resolve_alert: "Resolve the alert automatically (never fire alarms or panic alerts)",
};

/**
 * The fields a template may use, as `{{alert.title}}`. Anything else in braces is refused by
 * validation; values are escaped for the channel they go to (HTML for e-mail and the page,
 * mrkdwn for Slack) when rendered.
 */
export const TEMPLATE_FIELDS = [
  "alert.title",
  "alert.type",
  "alert.severity",
  "alert.score",
  "alert.description",
  "alert.site",
  "alert.client",
  "alert.device",
  "alert.firstSeenAt",
  "alert.url",
  "playbook.name",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export const TEMPLATE_FIELD_LABELS: Record<TemplateField, string> = {
  "alert.title": "Alert title",
  "alert.type": "Alert type",
  "alert.severity": "Severity",
  "alert.score": "Priority score",
  "alert.description": "Description",
  "alert.site": "Site name",
  "alert.client": "Client name",
  "alert.device": "Device name",
  "alert.firstSeenAt": "First seen (site time)",
  "alert.url": "Link to the alert",
  "playbook.name": "Playbook name",
};

/** `{{ name }}` placeholders; the name group is what a template refers to. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of a template that are not in TEMPLATE_FIELDS. */
export function unknownPlaceholders(template: string): string[] {
  const bad: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) bad.push(name);
  }
  return bad;
}

function template(opts: { max: number; min?: number; minMessage?: string }) {
  return text({ max: opts.max, min: opts.min, minMessage: opts.minMessage }).superRefine(
    (value, ctx) => {
      const bad = unknownPlaceholders(value);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `Unknown field ${bad.map((b) => `{{${b}}}`).join(", ")}; use one of ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(", ")}`,
        });
    },
  );
}

/** Whether a step runs, by how the last wait before it ended (no wait before it: always). */
export const RUN_IF = ["always", "met", "timed_out"] as const;
export type RunIf = (typeof RUN_IF)[number];
export const RUN_IF_LABELS: Record<RunIf, string> = {
  always: "Always",
  met: "Only if the last wait's condition held",
  timed_out: "Only if the last wait timed out",
};
const runIf = z.enum(RUN_IF, "Choose when this step runs").default("always");

export const NOTIFY_CHANNELS = ["email", "slack", "in_app"] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
export const NOTIFY_CHANNEL_LABELS: Record<NotifyChannel, string> = {
  email: "E-mail",
  slack: "Slack",
  in_app: "In-app",
};

const notifyStep = z.object({
  kind: z.literal("notify"),
  runIf,
  channels: z
    .array(z.enum(NOTIFY_CHANNELS, "Choose e-mail, Slack or in-app"))
    .min(1, "Choose at least one channel")
    .max(3),
  recipients: z
    .object({
      userIds: idList(50, "users").default([]),
      groupIds: idList(20, "groups").default([]),
    })
    .refine((r) => r.userIds.length + r.groupIds.length > 0, {
      message: "Choose at least one user or group to notify",
      path: ["userIds"],
    }),
  subject: template({ min: 1, minMessage: "Write a subject", max: 200 }),
  body: template({ min: 1, minMessage: "Write the message", max: 4000 }),
});

const assignStep = z
  .object({
    kind: z.literal("assign"),
    runIf,
    userId: uuid.nullable().default(null),
    groupId: uuid.nullable().default(null),
  })
  .refine((s) => (s.userId === null) !== (s.groupId === null), {
    message: "Choose either a user or a group",
    path: ["userId"],
  });

const collectDiagnosticsStep = z.object({
  kind: z.literal("collect_diagnostics"),
  runIf,
  /** how far back telemetry and the site's recent alerts go */
  lookbackHours: z
    .number("Enter a number of hours")
    .int("Use whole hours")
    .min(1, "At least 1 hour")
    .max(168, "At most 168 hours (7 days)")
    .default(24),
});

export const CONDITION_KINDS = [
  "device_online",
  "telemetry_in_range",
  "alert_acknowledged",
  "ticket_resolved",
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const CONDITION_LABELS: Record<ConditionKind, string> = {
  device_online: "The alert's device is back online",
  telemetry_in_range: "A telemetry value is within a range",
  alert_acknowledged: "Someone acknowledged the alert",
  ticket_resolved: "The ticket this run opened is resolved",
};

/** The readings a device reports (its latest value is what a telemetry condition checks). */
export const TELEMETRY_METRICS = ["battery", "signal", "temperature"] as const;
export type TelemetryMetric = (typeof TELEMETRY_METRICS)[number];
export const TELEMETRY_METRIC_LABELS: Record<TelemetryMetric, string> = {
  battery: "Battery (%)",
  signal: "Signal (dBm)",
  temperature: "Temperature (°C)",
};
const metricName = z.enum(TELEMETRY_METRICS, "Choose battery, signal or temperature");

const condition = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("device_online") }),
    z
      .object({
        kind: z.literal("telemetry_in_range"),
        metric: metricName,
        min: z.number("Enter the lowest good value"),
        max: z.number("Enter the highest good value"),
      })
      .refine((c) => c.min <= c.max, {
        message: "The highest value must not be below the lowest",
        path: ["max"],
      }),
    z.object({ kind: z.literal("alert_acknowledged") }),
    z.object({ kind: z.literal("ticket_resolved") }),
  ],
  { error: "Choose what to wait for" },
);
export type WaitCondition = z.infer<typeof condition>;

export const ON_TIMEOUT = ["continue", "escalate", "stop"] as const;
export type OnTimeout = (typeof ON_TIMEOUT)[number];
export const ON_TIMEOUT_LABELS: Record<OnTimeout, string> = {
  continue: "Carry on with the next step",
  escalate: "Escalate the alert and stop",
  stop: "Stop the run",
};

const minutes = (what: string, max: number) =>
  z
    .number(`Enter ${what} in minutes`)
    .int("Use whole minutes")
    .min(1, "At least 1 minute")
    .max(max, `At most ${max} minutes`);

/** The most checks one wait may make. */
export const MAX_CHECKS = 200;

const waitStep = z
  .object({
    kind: z.literal("wait_for_condition"),
    runIf,
    condition,
    everyMinutes: minutes("how often to check", 60),
    timeoutMinutes: minutes("how long to wait", 24 * 60),
    onTimeout: z.enum(ON_TIMEOUT, "Choose what happens when time runs out"),
  })
  .refine((s) => s.everyMinutes <= s.timeoutMinutes, {
    message: "Check at least once before the timeout (every ≤ timeout)",
    path: ["everyMinutes"],
  })
  // each check is a durable step; a run has room for about a thousand
  .refine((s) => s.timeoutMinutes / s.everyMinutes <= MAX_CHECKS, {
    message: `At most ${MAX_CHECKS} checks: check less often or wait less`,
    path: ["everyMinutes"],
  });

const createTicketStep = z.object({
  kind: z.literal("create_ticket"),
  runIf,
  title: template({ min: 1, minMessage: "Write the ticket's title", max: 200 }),
  body: template({ max: 4000 }).default(""),
  priority: z.enum(TICKET_PRIORITIES, `Choose a priority (${TICKET_PRIORITIES.join(", ")})`),
});

const escalateStep = z.object({
  kind: z.literal("escalate"),
  runIf,
  reason: template({ max: 500 }).default(""),
});

const resolveStep = z.object({
  kind: z.literal("resolve_alert"),
  runIf,
  note: template({ min: 1, minMessage: "Write the resolution note", max: 2000 }),
});

export const playbookStep = z.discriminatedUnion(
  "kind",
  [
    notifyStep,
    assignStep,
    collectDiagnosticsStep,
    waitStep,
    createTicketStep,
    escalateStep,
    resolveStep,
  ],
  { error: "Choose a kind of step" },
);
export type PlaybookStep = z.infer<typeof playbookStep>;
export type PlaybookStepInput = z.input<typeof playbookStep>;
export type StepOf<K extends StepKind> = Extract<PlaybookStep, { kind: K }>;

export const playbookTrigger = z.object({
  alertTypes: z
    .array(z.enum(ALERT_TYPES, "Unknown alert type"))
    .min(1, "Choose at least one alert type")
    .max(ALERT_TYPES.length),
  minSeverity: z.enum(SEVERITIES, "Choose the lowest severity that starts a run"),
  /** 0 = any score (an alert without a score matches only 0) */
  minScore: z
    .number("Enter a score from 0 to 100")
    .int("Use a whole number")
    .min(0, "The score is 0 to 100")
    .max(100, "The score is 0 to 100")
    .default(0),
  /** empty = every (gold) client / site */
  clientIds: idList(200, "clients").default([]),
  siteIds: idList(500, "sites").default([]),
  /** only alerts that started after hours at their site: before 07:00, from 19:00, or at a weekend */
  afterHoursOnly: z.boolean("Tick or untick after hours only").default(false),
});
export type PlaybookTrigger = z.infer<typeof playbookTrigger>;

/** A playbook can never resolve these automatically (also refused by the step at run time). */
export const NEVER_AUTO_RESOLVE: readonly AlertType[] = LIFE_SAFETY_TYPES;

export const MAX_STEPS = 20;

export const playbookDefinition = z
  .object({
    trigger: playbookTrigger,
    requiresApproval: z.boolean().default(false),
    /** guardrail: at most this many runs per site per hour (excess runs are skipped) */
    maxRunsPerSiteHour: z
      .number("Enter a number of runs")
      .int("Use a whole number")
      .min(1, "Allow at least 1 run an hour")
      .max(100, "At most 100 runs an hour")
      .default(5),
    steps: z
      .array(playbookStep)
      .min(1, "Add at least one step")
      .max(MAX_STEPS, `At most ${MAX_STEPS} steps`),
  })
  .superRefine((d, ctx) => {
    const firstWait = d.steps.findIndex((s) => s.kind === "wait_for_condition");
    d.steps.forEach((s, i) => {
      if (s.runIf !== "always" && (firstWait < 0 || firstWait >= i))
        ctx.addIssue({
          code: "custom",
          message: "Only a step after a wait can depend on how the wait ended",
          path: ["steps", i, "runIf"],
        });
    });
    const resolves = d.steps.findIndex((s) => s.kind === "resolve_alert");
    const lifeSafety = d.trigger.alertTypes.filter((t) => NEVER_AUTO_RESOLVE.includes(t));
    if (resolves >= 0 && lifeSafety.length)
      ctx.addIssue({
        code: "custom",
        message: `A playbook can never resolve ${lifeSafety.join(" or ")} alerts automatically: remove the resolve step or those alert types`,
        path: ["steps", resolves, "kind"],
      });
  });
export type PlaybookDefinition = z.infer<typeof playbookDefinition>;
export type PlaybookDefinitionInput = z.input<typeof playbookDefinition>;

export const playbookName = text({
  min: 1,
  minMessage: "Name the playbook",
  max: 120,
  maxMessage: "Keep the name under 120 characters",
});

export const playbookCreateInput = z.object({
  name: playbookName,
  enabled: z.boolean().default(false),
  definition: playbookDefinition,
});
export type PlaybookCreateInput = z.input<typeof playbookCreateInput>;

export const playbookUpdateInput = z.object({
  id: uuid,
  name: playbookName,
  definition: playbookDefinition,
});
export type PlaybookUpdateInput = z.input<typeof playbookUpdateInput>;

/** A dry run: one alert step by step, or the last `days` of alerts counted. */
export const playbookDryRunInput = z.union([
  z.object({ definition: playbookDefinition, alertId: uuid }),
  z.object({
    definition: playbookDefinition,
    days: z.number().int().min(1).max(30, "At most 30 days").default(30),
  }),
]);
export type PlaybookDryRunInput = z.input<typeof playbookDryRunInput>;

export const RUN_STATUSES = [
  "pending",
  "awaiting_approval",
  "running",
  "succeeded",
  "failed",
  "rejected",
  "cancelled",
  "skipped_guardrail",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  pending: "Pending",
  awaiting_approval: "Awaiting approval",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  rejected: "Rejected",
  cancelled: "Cancelled",
  skipped_guardrail: "Skipped (guardrail)",
};
/** Runs that may still change. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = [
  "pending",
  "awaiting_approval",
  "running",
];

export const STEP_STATUSES = [
  "pending",
  "running",
  "waiting",
  "succeeded",
  "failed",
  "skipped",
  "timed_out",
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: "Pending",
  running: "Running",
  waiting: "Waiting",
  succeeded: "Done",
  failed: "Failed",
  skipped: "Skipped",
  timed_out: "Timed out",
};

export const APPROVAL_DECISIONS = ["approve", "reject"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const runsFilterInput = z.union([
  z.object({ playbookId: uuid, limit: z.number().int().min(1).max(200).default(50) }),
  z.object({ alertId: uuid, limit: z.number().int().min(1).max(200).default(50) }),
]);

export const approvalInput = z.object({
  runId: uuid,
  note: text({ max: 500 }).optional(),
});
