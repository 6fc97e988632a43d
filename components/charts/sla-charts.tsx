"use client";

import { lazyChart } from "./lazy-drawing";

/**
 * The SLA page's charts, one file each under ./sla/, each fetched after the page has loaded
 * (Recharts stays out of /sla's first-load JavaScript).
 */
export const BreachesDaily = lazyChart(
  () => import("./sla/breaches-daily").then((m) => m.BreachesDaily),
  290,
);
export const CalibrationChart = lazyChart(
  () => import("./sla/calibration-chart").then((m) => m.CalibrationChart),
  290,
);
export const ClientCompliance = lazyChart(
  () => import("./sla/client-compliance").then((m) => m.ClientCompliance),
  290,
);
export const EscalationsDaily = lazyChart(
  () => import("./sla/escalations-daily").then((m) => m.EscalationsDaily),
  230,
);
export const ProbabilityHistogram = lazyChart(
  () => import("./sla/probability-histogram").then((m) => m.ProbabilityHistogram),
  290,
);
export const ProbabilityHistory = lazyChart(
  () => import("./sla/probability-history").then((m) => m.ProbabilityHistory),
  220,
);
