import { parseArgs } from "node:util";
import { closeDb, db } from "@/server/db";
import { demoDataPresent, seedDemo } from "@/server/seed";
import { prepareDatabase, printLogins } from "./lib/launcher";
import { runMigrations } from "./lib/migrate";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    reset: { type: "boolean", default: false },
  },
});
if (values.scale !== "demo" && values.scale !== "large") {
  console.error(`--scale must be "demo" or "large", not "${values.scale}"`);
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
    log: (l) => console.log(`[watchfloor] ${l}`),
  });
  console.log(
    `[watchfloor] seeded (${values.scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  printLogins();
}
await closeDb();
await embedded?.stop();
