export * from "./platform";
export * from "./jobs";
export * from "./noc";
export * from "./sla";
export * from "./vendors";
export * from "./shifts";
export * from "./scorecards";
export * from "./devices";
