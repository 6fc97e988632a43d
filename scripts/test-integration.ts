import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startEmbeddedPostgres, StartupError } from "./lib/embedded-postgres";

/**
 * Runs the integration project against a fresh embedded PostgreSQL, and then, when
 * DATABASE_URL is set (CI sets the machine's PostgreSQL 15), against that server too.
 */
function vitest(url: string, label: string, extraEnv: Record<string, string> = {}): number {
  console.log(`\n[integration] running against ${label}`);
  const r = spawnSync(
    "./node_modules/.bin/vitest",
    ["run", "--project", "integration", ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url, ...extraEnv },
    },
  );
  return r.status ?? 1;
}

const external = process.env.DATABASE_URL;
const dataDir = ".data/test-pg";
rmSync(dataDir, { recursive: true, force: true });
let code = 0;
try {
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(process.env.TEST_PG_PORT ?? 54330),
    database: "watchfloor_test",
  });
  try {
    code = vitest(pg.url, "the embedded PostgreSQL");
  } finally {
    await pg.stop();
  }
} catch (err) {
  if (err instanceof StartupError) {
    console.error(`[integration] ${err.message}`);
    process.exit(1);
  }
  throw err;
}
if (code === 0 && external)
  // the crash tests bring their own throwaway PostgreSQL: once is enough
  code = vitest(external, `DATABASE_URL (${external.replace(/:[^:@/]+@/, ":***@")})`, {
    SKIP_CRASH_TESTS: "1",
  });
process.exit(code);
