export * from "./platform";
export * from "./jobs";
