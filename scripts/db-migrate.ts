import { prepareDatabase } from "./lib/launcher";
import { StartupError } from "./lib/embedded-postgres";
import { runMigrations } from "./lib/migrate";

try {
  const { url, embedded } = await prepareDatabase();
  await runMigrations(url);
  console.log("[watchfloor] migrations applied");
  await embedded?.stop();
} catch (err) {
  if (err instanceof StartupError) {
    console.error(`[watchfloor] ${err.message}`);
    process.exit(1);
  }
  throw err;
}
