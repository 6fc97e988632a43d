import { z } from "zod";
import { TICKET_PRIORITIES } from "../sla";
import { idList, uuid } from "./common";
import { placeholderTemplate } from "./playbook-templates";

/** The steps of a playbook and their inputs (playbooks.md). */
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
  subject: placeholderTemplate({ min: 1, minMessage: "Write a subject", max: 200 }),
  body: placeholderTemplate({ min: 1, minMessage: "Write the message", max: 4000 }),
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
  title: placeholderTemplate({ min: 1, minMessage: "Write the ticket's title", max: 200 }),
  body: placeholderTemplate({ max: 4000 }).default(""),
  priority: z.enum(TICKET_PRIORITIES, `Choose a priority (${TICKET_PRIORITIES.join(", ")})`),
});

const escalateStep = z.object({
  kind: z.literal("escalate"),
  runIf,
  reason: placeholderTemplate({ max: 500 }).default(""),
});

const resolveStep = z.object({
  kind: z.literal("resolve_alert"),
  runIf,
  note: placeholderTemplate({ min: 1, minMessage: "Write the resolution note", max: 2000 }),
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
