import { escalationClocksFn } from "./noc/escalation-clocks";
import { trainModelsFn } from "./noc/train-models";
import { triageAlertFn } from "./noc/triage-alert";
import { deliverNotificationsFn } from "./platform/deliver-notifications";
import { pruneJobHistoryFn } from "./platform/prune-job-history";
import { sweepNotificationsFn } from "./platform/sweep-notifications";

/** Every background function, served at /api/inngest. */
export const functions = [
  triageAlertFn,
  escalationClocksFn,
  trainModelsFn,
  deliverNotificationsFn,
  sweepNotificationsFn,
  pruneJobHistoryFn,
];
