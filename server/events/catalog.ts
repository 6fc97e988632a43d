import "server-only";

export const APP_ID = "watchfloor";

/**
 * Every background function's id, name, purpose and schedule, in one place that imports
 * nothing: the functions are built from it, and the jobs page lists it. Each scheduled
 * function also listens to `jobs/<id>.run-requested`, which the page's "Run now" sends.
 */
export const JOB_CATALOG = {
  "triage-alert": {
    name: "Triage alert",
    description:
      "On each new alert (or repeat): scores and explains it, routes it to its group at 80+, escalates at 90+.",
    cron: null,
    events: ["noc/alert.created"],
  },
  "escalation-clocks": {
    name: "Escalation clocks",
    description:
      "Every 5 minutes: escalates alerts not acknowledged in time, routed and not picked up, routed to a group with nobody on shift, or stuck after acknowledgement.",
    cron: "*/5 * * * *",
    events: [],
  },
  "train-models": {
    name: "Train priority models",
    description:
      "Weekly, and on demand: fits each tenant's alert-priority model on its resolved alerts; used only at AUC 0.6 or better.",
    cron: "TZ=UTC 0 4 * * 1",
    events: [],
  },
  "predict-sla-breaches": {
    name: "Predict SLA breaches",
    description:
      "Every 15 minutes: scores every open ticket of silver-and-up clients, raises a NOC alert at 0.7 and clears it under 0.5.",
    cron: "*/15 * * * *",
    events: [],
  },
  "escalate-sla-risks": {
    name: "Escalate SLA risks",
    description:
      "Every 30 minutes: raises the priority of tickets at 0.8 or more one level (once per level) and tells Helpdesk Supervisors.",
    cron: "*/30 * * * *",
    events: [],
  },
  "train-ticket-models": {
    name: "Train SLA breach models",
    description:
      "Weekly, and on demand: fits each tenant's breach model on its closed tickets; used only at AUC 0.6 or better.",
    cron: "TZ=UTC 30 4 * * 1",
    events: [],
  },
  "build-shift-schedule": {
    name: "Build shift schedule",
    description:
      "Hourly: rebuilds the next 14 days of shifts and tour rounds for the sites where it is now 02:00; never rewrites a started shift.",
    cron: "0 * * * *",
    events: [],
  },
  "rebuild-site-schedule": {
    name: "Rebuild schedule after a roster change",
    description:
      "When a post, shift template, assignment or tour changes: rebuilds that site's next 14 days at once.",
    cron: null,
    events: ["shifts/roster.changed"],
  },
  "detect-shift-findings": {
    name: "Detect no-shows, late and wrong-site check-ins",
    description:
      "Every 30 minutes (and at once on each check-in): stores NO_SHOW, LATE, WRONG_SITE and missed checkpoints once each, raises their NOC alerts and tells the site managers. Silver and up.",
    cron: "*/30 * * * *",
    events: [],
  },
  "device-health": {
    name: "Score device health",
    description:
      "Hourly: starts each tenant's device run — rolls the last hour up, scores every device and predicts its next hour, marks silent devices offline, raises and resolves DEVICE_FAILURE and DEVICE_OFFLINE alerts.",
    cron: "5 * * * *",
    events: [],
  },
  "device-health-tenant": {
    name: "Score one tenant's devices",
    description:
      "On each tenant's hourly request: the device run itself (scores silver and up, predictions and alerts bronze and up).",
    cron: null,
    events: ["devices/health.requested"],
  },
  "device-maintenance": {
    name: "Device telemetry upkeep",
    description:
      "Daily: creates the coming days' telemetry partitions, drops raw readings after 30 days, prunes old rollups and score history, and lists gold clients' devices due for replacement.",
    cron: "TZ=UTC 15 3 * * *",
    events: [],
  },
  "train-device-models": {
    name: "Train device failure models",
    description:
      "Weekly, and on demand: fits each tenant's device-failure model on the windows before recorded failures; used only at AUC 0.6 or better, the rules predict otherwise.",
    cron: "TZ=UTC 0 5 * * 1",
    events: [],
  },
  "deliver-notifications": {
    name: "Deliver notifications",
    description: "Sends queued e-mail and Slack notifications as soon as they are requested.",
    cron: null,
    events: ["notify/requested"],
  },
  "sweep-notifications": {
    name: "Retry and sweep notifications",
    description:
      "Every minute: delivers notifications that are due, including retries after SMTP or Slack failures.",
    cron: "* * * * *",
    events: [],
  },
  "prune-job-history": {
    name: "Prune job history",
    description:
      "Daily: removes finished runs older than 30 days, the events and cron ticks they used, and SLA prediction history older than 35 days.",
    cron: "TZ=UTC 30 3 * * *",
    events: [],
  },
  "monthly-scorecards": {
    name: "Monthly scorecards",
    description:
      "Hourly: on the 1st at 03:00 in each tenant's time zone, requests last month's scorecard for every active client.",
    cron: "TZ=UTC 5 * * * *",
    events: [],
  },
  "generate-scorecard": {
    name: "Generate scorecard",
    description:
      "On request (the monthly run, or on demand): stores one client's scorecard of a past month; a month already stored is left as it is.",
    cron: null,
    events: ["scorecard/generate.requested"],
  },
  "start-playbooks": {
    name: "Start playbooks",
    description:
      "After each gold client's alert is triaged: starts one run of every enabled playbook whose trigger matches (guardrail: at most N per site and hour).",
    cron: null,
    events: ["noc/alert.triaged"],
  },
  "run-playbook": {
    name: "Run playbook",
    description:
      "One playbook run against one alert: waits for approval when required, then each step as a durable step (polls sleep between checks).",
    cron: null,
    events: ["playbooks/run.requested"],
  },
} as const satisfies Record<
  string,
  { name: string; description: string; cron: string | null; events: readonly string[] }
>;

export type JobId = keyof typeof JOB_CATALOG;
export const JOB_IDS = Object.keys(JOB_CATALOG) as JobId[];

export function runRequestedEvent(id: JobId): `jobs/${JobId}.run-requested` {
  return `jobs/${id}.run-requested`;
}
