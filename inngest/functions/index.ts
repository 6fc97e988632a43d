import { deviceHealthFn, deviceHealthTenantFn } from "./devices/device-health";
import { deviceMaintenanceFn } from "./devices/device-maintenance";
import { trainDeviceModelsFn } from "./devices/train-device-models";
import { escalationClocksFn } from "./noc/escalation-clocks";
import { trainModelsFn } from "./noc/train-models";
import { triageAlertFn } from "./noc/triage-alert";
import { runPlaybookFn } from "./playbooks/run-playbook";
import { startPlaybooksFn } from "./playbooks/start-playbooks";
import { deliverNotificationsFn } from "./platform/deliver-notifications";
import { pruneJobHistoryFn } from "./platform/prune-job-history";
import { sweepNotificationsFn } from "./platform/sweep-notifications";
import { buildShiftScheduleFn } from "./shifts/build-shift-schedule";
import { detectShiftFindingsFn } from "./shifts/detect-shift-findings";
import { rebuildSiteScheduleFn } from "./shifts/rebuild-site-schedule";
import { generateScorecardFn } from "./scorecards/generate-scorecard";
import { monthlyScorecardsFn } from "./scorecards/monthly-scorecards";
import { escalateSlaRisksFn } from "./sla/escalate-sla-risks";
import { predictSlaBreachesFn } from "./sla/predict-sla-breaches";
import { trainTicketModelsFn } from "./sla/train-ticket-models";

/** Every background function, served at /api/inngest. */
export const functions = [
  triageAlertFn,
  escalationClocksFn,
  trainModelsFn,
  deliverNotificationsFn,
  sweepNotificationsFn,
  pruneJobHistoryFn,
  predictSlaBreachesFn,
  escalateSlaRisksFn,
  trainTicketModelsFn,
  buildShiftScheduleFn,
  rebuildSiteScheduleFn,
  detectShiftFindingsFn,
  monthlyScorecardsFn,
  generateScorecardFn,
  deviceHealthFn,
  deviceHealthTenantFn,
  deviceMaintenanceFn,
  trainDeviceModelsFn,
  startPlaybooksFn,
  runPlaybookFn,
];
