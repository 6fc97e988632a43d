export * from "./platform";
export * from "./jobs";
export * from "./noc";
