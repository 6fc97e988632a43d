import { launch } from "./lib/launcher";

await launch({ nextArgs: ["dev"], seedIfEmpty: process.env.WATCHFLOOR_SEED !== "0" });
