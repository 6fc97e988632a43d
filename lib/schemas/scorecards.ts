import { z } from "zod";
import { KPI_KEYS, MONTH_PATTERN, type KpiKey } from "@/lib/scorecards";
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

export const scorecardTargetInput = z.object({
  clientId: uuid,
  kpi: scorecardDrillInput.shape.kpi,
  target: z.number().finite().min(0, "Targets are not negative").max(100_000),
  redAt: z.number().finite().min(0, "Thresholds are not negative").max(100_000),
});
