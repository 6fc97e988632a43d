import { launch, NEXT_START_ARGS } from "./lib/launcher";

// Production start: no demo data unless asked for with WATCHFLOOR_SEED=1.
await launch({ nextArgs: NEXT_START_ARGS, seedIfEmpty: process.env.WATCHFLOOR_SEED === "1" });
