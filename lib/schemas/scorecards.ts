import { z } from "zod";
import { KPI_DEFS, KPI_KEYS, MONTH_PATTERN, type KpiKey } from "@/lib/scorecards";
import { text, uuid } from "./common";

export const scorecardMonth = text({ max: 7, min: 1, minMessage: "Choose a month" }).regex(
  MONTH_PATTERN,
  "Use a month like 2026-10",
);

export const scorecardKey = z.object({ clientId: uuid, month: scorecardMonth });

export const scorecardClientInput = z.object({ clientId: uuid });

export const scorecardGridInput = z.object({
  months: z.number().int().min(1).max(24).default(6),
});

export const scorecardDrillInput = scorecardKey.extend({
  kpi: z.enum(KPI_KEYS as [KpiKey, ...KpiKey[]], { message: "Not a scorecard KPI" }),
});

const targetValue = z
  .number({ error: "Enter a number" })
  .finite()
  .min(0, "Targets are not negative")
  .max(100_000, "At most 100000");
const redAtValue = z
  .number({ error: "Enter a number" })
  .finite()
  .min(0, "Thresholds are not negative")
  .max(100_000, "At most 100000");

export const scorecardTargetInput = z.object({
  clientId: uuid,
  kpi: scorecardDrillInput.shape.kpi,
  target: targetValue,
  redAt: redAtValue,
});

export const scorecardTargetKey = scorecardTargetInput.pick({ clientId: true, kpi: true });

/** What red must be for a KPI, in words: on the bad side of (or at) its target. */
export function redAtRule(kpi: KpiKey): string {
  return KPI_DEFS[kpi].higherIsBetter
    ? "Red must be at or below the target for this KPI"
    : "Red must be at or above the target for this KPI";
}

/** The targets form of one KPI: the same numbers as the procedure, and red on the bad side. */
export function scorecardTargetForm(kpi: KpiKey) {
  return z.object({ target: targetValue, redAt: redAtValue }).superRefine((v, ctx) => {
    const ok = KPI_DEFS[kpi].higherIsBetter ? v.redAt <= v.target : v.redAt >= v.target;
    if (!ok) ctx.addIssue({ code: "custom", path: ["redAt"], message: redAtRule(kpi) });
  });
}
