import { parseArgs } from "node:util";
import { closeDb, db } from "@/server/db";
import { demoDataPresent, parseSeedParts, seedDemo } from "@/server/seed";
import { prepareDatabase, printLogins } from "./lib/launcher";
import { runMigrations } from "./lib/migrate";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    reset: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
if (values.scale !== "demo" && values.scale !== "large") {
  console.error(`--scale must be "demo" or "large", not "${values.scale}"`);
  process.exit(2);
}
let only: string[] | undefined;
try {
  only = values.only === undefined ? undefined : parseSeedParts(values.only);
} catch (err) {
  console.error(`--only: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}

const { url, embedded } = await prepareDatabase();
process.env.DATABASE_URL = url;
await runMigrations(url);
if ((await demoDataPresent(db)) && !values.reset) {
  console.log("[watchfloor] demo data is already loaded; pass --reset to replace it");
} else {
  const started = Date.now();
  await seedDemo(db, {
    scale: values.scale,
    reset: values.reset,
    only,
    log: (l) => console.log(`[watchfloor] ${l}`),
  });
  console.log(
    `[watchfloor] seeded (${values.scale}${only ? `, only platform + ${only.join(", ")}` : ""}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  printLogins();
}
await closeDb();
await embedded?.stop();
