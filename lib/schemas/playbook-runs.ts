import { z } from "zod";
import { text, uuid } from "./common";

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
