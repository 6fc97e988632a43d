"use client";

import { lazyChart } from "./lazy-drawing";

/** The device pages' charts (device-charts-drawing.tsx), fetched after the page has loaded. */
export const HealthHistogram = lazyChart(
  () => import("./device-charts-drawing").then((m) => m.HealthHistogram),
  270,
);
export const MetricChart = lazyChart(
  () => import("./device-charts-drawing").then((m) => m.MetricChart),
  250,
);
export const ScoreTrendChart = lazyChart(
  () => import("./device-charts-drawing").then((m) => m.ScoreTrendChart),
  310,
);
export const Sparkline = lazyChart(
  () => import("./device-charts-drawing").then((m) => m.Sparkline),
  60,
);
