import { launch } from "./lib/launcher";

// Production start: no demo data unless asked for with WATCHFLOOR_SEED=1.
await launch({ nextArgs: ["start"], seedIfEmpty: process.env.WATCHFLOOR_SEED === "1" });
