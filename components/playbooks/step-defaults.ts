import { z } from "zod";
import {
  playbookCreateInput,
  type PlaybookStepInput,
  type StepKind,
  type WaitCondition,
} from "@/lib/schemas/playbooks";

/** The editor's form: a playbook's name and definition (enabling is the list's toggle). */
export const playbookEditorSchema = playbookCreateInput.omit({ enabled: true });
export type PlaybookEditorValues = z.input<typeof playbookEditorSchema>;

/** What a step of each kind starts as when added: valid where nothing must be written. */
export function newStep(kind: StepKind): PlaybookStepInput {
  switch (kind) {
    case "notify":
      return {
        kind,
        channels: ["email"],
        recipients: { userIds: [], groupIds: [] },
        subject: "{{alert.title}} at {{alert.site}}",
        body: "",
      };
    case "assign":
      return { kind, userId: null, groupId: null };
    case "collect_diagnostics":
      return { kind, lookbackHours: 24 };
    case "wait_for_condition":
      return {
        kind,
        condition: { kind: "device_online" },
        everyMinutes: 5,
        timeoutMinutes: 30,
        onTimeout: "escalate",
      };
    case "create_ticket":
      return { kind, title: "{{alert.title}}", body: "", priority: "P3" };
    case "escalate":
      return { kind, reason: "" };
    case "resolve_alert":
      return { kind, note: "" };
  }
}

/** A wait's condition when its kind is chosen. */
export function newCondition(kind: WaitCondition["kind"]): WaitCondition {
  return kind === "telemetry_in_range" ? { kind, metric: "battery", min: 20, max: 100 } : { kind };
}

/** A blank playbook for /playbooks/new. */
export function newPlaybook(): PlaybookEditorValues {
  return {
    name: "",
    definition: {
      trigger: {
        alertTypes: [],
        minSeverity: "high",
        minScore: 0,
        clientIds: [],
        siteIds: [],
        afterHoursOnly: false,
      },
      requiresApproval: false,
      maxRunsPerSiteHour: 5,
      steps: [newStep("collect_diagnostics")],
    },
  };
}
