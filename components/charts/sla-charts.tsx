/** The SLA page's charts, one file each under ./sla/. */
export { BreachesDaily } from "./sla/breaches-daily";
export { CalibrationChart } from "./sla/calibration-chart";
export { ClientCompliance } from "./sla/client-compliance";
export { EscalationsDaily } from "./sla/escalations-daily";
export { ProbabilityHistogram } from "./sla/probability-histogram";
export { ProbabilityHistory } from "./sla/probability-history";
