import { z } from "zod";
import { ALERT_TYPES, LIFE_SAFETY_TYPES, SEVERITIES, type AlertType } from "../noc";
import { idList, text, uuid } from "./common";
import { playbookStep } from "./playbook-steps";

/**
 * A playbook's definition (playbooks.md), shared by the editor form and the server. Every
 * message names what to fix, for the form to show beside the field (zod's issue paths).
 */

export * from "./playbook-templates";
export * from "./playbook-steps";
export * from "./playbook-runs";

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
